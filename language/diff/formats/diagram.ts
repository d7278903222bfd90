import { exportMermaid, stepNode } from '../../exports/mermaid/index.js';
import type { HitlModel } from '../../model/schema.js';
import type { Change } from '../change.js';

/**
 * The flow of a workflow in HEAD as a Mermaid flowchart, the steps a change is about outlined:
 * the changed part in its context. Undefined when no change is on a step of HEAD.
 */
export function changedFlow(head: HitlModel, workflowId: string, changes: readonly Change[]): string | undefined {
    const workflow = head.workflows.find((w) => w.id === workflowId);
    if (!workflow) return undefined;
    // Changes name HEAD's places; a step's own source says which step is which, renamed or not.
    const places = new Set(changes.flatMap((change) => (change.source ? [`${change.source.file}:${change.source.line}:${change.source.column}`] : [])));
    const changed = workflow.steps.filter((step) => places.has(`${step.source.file}:${step.source.line}:${step.source.column}`)).map((step) => stepNode(step.id));
    if (changed.length === 0) return undefined;
    return `${exportMermaid(head, workflowId)}    classDef changed stroke:#d93025,stroke-width:4px\n    class ${changed.join(',')} changed\n`;
}
