/**
 * The BPMN process as plain data, before it is written as XML: what the export decides (which
 * element each step becomes and where each flow goes) kept apart from how it is spelled.
 */

export type NodeKind = 'startEvent' | 'endEvent' | 'serviceTask' | 'userTask' | 'exclusiveGateway' | 'intermediateThrowEvent' | 'boundaryEvent';

export interface BpmnNode {
    readonly id: string;
    readonly kind: NodeKind;
    readonly name?: string;
    readonly documentation?: string;
    /** Governance the engine cannot enforce, as `zeebe:properties`. */
    readonly properties?: ReadonlyArray<readonly [string, string]>;
    readonly jobType?: string;
    readonly retries?: number;
    readonly candidateGroups?: readonly string[];
    /** User tasks: the Camunda form the person acts in. */
    readonly formId?: string;
    /** Boundary events: the task they sit on, and what they catch. */
    readonly attachedTo?: string;
    readonly errorCode?: string;
    readonly timer?: string;
    /** End events: how the case ends, as a route scenario names it (`ClaimSettled`, `denied`, `failed:error`). */
    readonly ending?: string;
}

export interface BpmnFlow {
    id: string;
    readonly source: string;
    target: string;
    readonly name?: string;
    /** A FEEL boolean expression, without the leading `=`. */
    readonly condition?: string;
    /** The gateway's default flow (`otherwise`, or confidence high enough). */
    readonly isDefault?: boolean;
}

export interface BpmnProcess {
    readonly id: string;
    readonly name: string;
    readonly documentation?: string;
    readonly properties: ReadonlyArray<readonly [string, string]>;
    readonly nodes: readonly BpmnNode[];
    readonly flows: readonly BpmnFlow[];
    /** Error codes the AI job workers throw, in order of first use. */
    readonly errors: readonly string[];
}
