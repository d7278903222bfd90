import { lookup } from '../../model/lookup.js';
import { edgesOf, escalationOf } from '../../model/paths.js';
import type { Escalation, EscalationRef, EscalationTarget, HitlModel, Route, SourceRange, Step, Workflow } from '../../model/schema.js';
import type { RiskGrade } from '../../model/vocabulary.js';
import { nodeFindingsOf, pathFindingsOf, type NodeFindings, type PathFinding } from './graph-findings.js';

/**
 * A workflow as a diagram, read from the compiled model: every step a node, every route an
 * edge, and the escalation chains the workflow uses drawn as their levels.
 */

/** A step's kind, or one level of an escalation chain (a party an item is escalated to). */
export type GraphNodeKind = Step['kind'] | 'escalation-level';

/**
 * `flow` a `then`, `branch` a `when`/`otherwise`, `action` a reviewer's `on approve` and the
 * like, `fallback` an AI failure mode, `timeout` what happens when nobody acts in time,
 * `escalation` an `escalate on …` rule or the step from one escalation level to the next.
 */
export type GraphEdgeKind = 'flow' | 'branch' | 'action' | 'fallback' | 'timeout' | 'escalation';

export interface GraphNode {
    readonly id: string;
    readonly kind: GraphNodeKind;
    /** The step id, or the party of an escalation level. */
    readonly label: string;
    readonly title?: string;
    /** Short facts shown under the label: a queue's owner, a gate's reviewers, a level's channel. */
    readonly details: readonly string[];
    /** A decision's risk grade. */
    readonly risk?: RiskGrade;
    readonly source: SourceRange;
    readonly findings: NodeFindings;
}

export interface GraphEdge {
    readonly id: string;
    readonly from: string;
    readonly to: string;
    readonly kind: GraphEdgeKind;
    readonly label: string;
}

export interface WorkflowGraph {
    readonly workflow: string;
    readonly title?: string;
    readonly start?: string;
    readonly nodes: readonly GraphNode[];
    readonly edges: readonly GraphEdge[];
    readonly pathFindings: readonly PathFinding[];
}

const EDGE_KINDS = { flow: 'flow', branch: 'branch', outcome: 'action', fallback: 'fallback', timeout: 'timeout' } as const;

/** The node id of an escalation chain's level (0-based); step ids never hold a colon. */
function levelNodeId(ref: EscalationRef, level: number): string {
    return `escalation:${ref.scope}:${ref.id}:${level}`;
}

/** The node id of a party an item is handed to directly (`escalate to <party>`). */
function partyNodeId(party: string): string {
    return `party:${party}`;
}

function stepDetails(step: Step): string[] {
    switch (step.kind) {
        case 'ai-step':
            return [step.actor && `actor ${step.actor}`, step.confidenceThreshold !== undefined && `confidence ≥ ${step.confidenceThreshold}`].filter(isText);
        case 'gate':
            return [step.reviewers.length > 0 && `reviewer ${step.reviewers.join(', ')}`, step.sla && `sla ${step.sla.iso}`].filter(isText);
        case 'queue':
            return [step.owner ? `owner ${step.owner}` : 'no owner', (step.timeout ?? step.sla) && `timeout ${(step.timeout ?? step.sla)!.iso}`].filter(isText);
        case 'automated-step':
            return [];
        case 'decision':
            return [step.risk && `risk ${step.risk}`, step.decidedBy && `decided by ${step.decidedBy}`].filter(isText);
        case 'effect':
            return [step.effectKind, step.channel && `via ${step.channel}`].filter(isText);
        case 'outcome':
            return [step.result].filter(isText);
    }
}

function isText(value: string | false | undefined): value is string {
    return typeof value === 'string' && value.length > 0;
}

function routesOf(step: Step): readonly Route[] {
    return step.kind === 'outcome' ? [] : step.routes;
}

class GraphBuilder {
    readonly nodes: GraphNode[] = [];
    readonly edges: GraphEdge[] = [];
    private readonly drawn = new Set<string>();
    private readonly pending: Array<{ escalation: Escalation; ref: EscalationRef }> = [];

    constructor(
        private readonly model: HitlModel,
        private readonly workflow: Workflow,
    ) {}

    build(): void {
        for (const step of this.workflow.steps) this.step(step);
        for (const step of this.workflow.steps) this.routes(step);
        // Local chains are drawn even when no step names them, so a finding on one has its place.
        for (const escalation of this.workflow.escalations) this.chain({ id: escalation.id, scope: 'workflow' });
        for (let next = this.pending.shift(); next; next = this.pending.shift()) this.levels(next.escalation, next.ref);
    }

    private edge(from: string, to: string, kind: GraphEdgeKind, label: string): void {
        this.edges.push({ id: `e${this.edges.length}`, from, to, kind, label });
    }

    private step(step: Step): void {
        const findings = [...(step.findings ?? []), ...routesOf(step).flatMap((route) => route.findings ?? []), ...('escalations' in step ? step.escalations.flatMap((rule) => rule.findings ?? []) : [])];
        this.nodes.push({
            id: step.id,
            kind: step.kind,
            label: step.id,
            ...(step.title ? { title: step.title } : {}),
            details: stepDetails(step),
            ...(step.kind === 'decision' && step.risk ? { risk: step.risk } : {}),
            source: step.source,
            findings: nodeFindingsOf(findings),
        });
    }

    private routes(step: Step): void {
        for (const edge of edgesOf(step)) this.edge(edge.from, edge.to, EDGE_KINDS[edge.kind], edge.label);
        for (const route of routesOf(step)) {
            if (route.kind === 'on' && route.action?.kind === 'escalate' && route.action.target) this.edge(step.id, this.targetNode(route.action.target), 'timeout', `${route.event} → escalate`);
        }
        if (step.kind === 'gate' || step.kind === 'queue') {
            for (const rule of step.escalations) if (rule.target) this.edge(step.id, this.targetNode(rule.target), 'escalation', `escalate on ${rule.triggers.join(', ')}`);
        }
    }

    /** The node an escalation goes to: the first level of a chain, or the party itself. */
    private targetNode(target: EscalationTarget): string {
        if (target.kind === 'escalation') return this.chain(target) ?? this.party(target.id);
        return this.party(target.id);
    }

    /** Queues an escalation's levels to be drawn; the node id of its first level (undefined when it has none or is unknown). */
    private chain(ref: EscalationRef): string | undefined {
        const escalation = escalationOf(this.model, this.workflow, ref);
        if (!escalation || escalation.levels.length === 0) return undefined;
        const first = levelNodeId(ref, 0);
        if (!this.drawn.has(first)) {
            this.drawn.add(first);
            this.pending.push({ escalation, ref });
        }
        return first;
    }

    private party(id: string): string {
        const node = partyNodeId(id);
        if (!this.drawn.has(node)) {
            this.drawn.add(node);
            const party = lookup(this.model).parties.get(id);
            this.nodes.push({ id: node, kind: 'escalation-level', label: id, details: [], source: party?.source ?? this.workflow.source, findings: nodeFindingsOf([]) });
        }
        return node;
    }

    private levels(escalation: Escalation, ref: EscalationRef): void {
        const lastIndex = escalation.levels.length - 1;
        const onTimeout = escalation.onTimeout;
        escalation.levels.forEach((level, index) => {
            const settles = index === lastIndex && onTimeout && onTimeout.kind !== 'escalate' && `then ${onTimeout.kind}`;
            const details = [`${escalation.id} level ${index + 1}`, level.channel && `via ${level.channel}`, level.within && `within ${level.within.iso}`, settles].filter(isText);
            const findings = index === 0 ? nodeFindingsOf(escalation.findings ?? []) : nodeFindingsOf([]);
            this.nodes.push({ id: levelNodeId(ref, index), kind: 'escalation-level', label: level.target ?? '?', details, source: level.source, findings });
            if (index > 0) this.edge(levelNodeId(ref, index - 1), levelNodeId(ref, index), 'escalation', `after ${escalation.levels[index - 1].within?.iso ?? 'no deadline'}`);
        });
        if (onTimeout?.kind === 'escalate' && onTimeout.target) this.edge(levelNodeId(ref, lastIndex), this.targetNode(onTimeout.target), 'escalation', 'timeout → hand over');
    }
}

/** The diagram of one workflow of the model; undefined when the model has no such workflow. */
export function workflowGraph(model: HitlModel, workflowId: string): WorkflowGraph | undefined {
    const workflow = model.workflows.find((candidate) => candidate.id === workflowId);
    if (!workflow) return undefined;
    const builder = new GraphBuilder(model, workflow);
    builder.build();
    return {
        workflow: workflow.id,
        ...(workflow.title ? { title: workflow.title } : {}),
        ...(workflow.start ? { start: workflow.start } : {}),
        nodes: builder.nodes,
        edges: builder.edges,
        pathFindings: pathFindingsOf(workflow),
    };
}
