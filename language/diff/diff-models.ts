import type { HitlModel, SourceRange, Workflow } from '../model/schema.js';
import { bypassChanges } from './bypass.js';
import { neutral, type Change, type ChangeClass } from './change.js';
import { escalationChanges } from './escalations.js';
import { findRenames, renamedHead, type RenameMap } from './renames.js';
import { slaChanges, stageChanges, stepChanges } from './steps.js';
import { durationText } from './wording.js';
import { modelChanges, partChanges, suppressionChanges } from './workflow-parts.js';

export interface WorkflowDiff {
    readonly id: string;
    readonly title?: string;
    readonly status: 'changed' | 'unchanged' | 'added' | 'removed';
    readonly version: { readonly before?: string; readonly after?: string; readonly raised: boolean };
    /** HEAD's change approver: with a raised version, it turns weakening errors into warnings. */
    readonly changeApprover?: string;
    readonly changes: readonly Change[];
    /** The workflow in HEAD (in BASE when removed). */
    readonly source: SourceRange;
}

export interface DiffSummary {
    readonly workflows: number;
    readonly weakening: number;
    readonly strengthening: number;
    readonly neutral: number;
    readonly errors: number;
    readonly warnings: number;
}

export interface ModelDiff {
    readonly workflows: readonly WorkflowDiff[];
    /** Renames of shared declarations (parties, shared escalations). */
    readonly declarations: readonly Change[];
    readonly summary: DiffSummary;
}

/**
 * The governance diff: compares two compiled models workflow by workflow (matched by id) and
 * classes each change as weakening, strengthening or neutral. Renamed elements are recognised
 * first, so that a rename with every use renamed compares equal.
 */
export function diffModels(base: HitlModel, head: HitlModel): ModelDiff {
    const renames = findRenames(base, head);
    const renamed = renamedHead(head, renames);
    const workflows: WorkflowDiff[] = [];
    for (const after of renamed.workflows) {
        const before = base.workflows.find((w) => w.id === after.id);
        if (!before) {
            workflows.push(workflowDiff(after, undefined, after, [neutral('workflow-added', { element: `workflow ${after.id}`, message: `Workflow ${after.id} was added.`, source: after.source })]));
            continue;
        }
        const changes = [
            ...renameChanges(renames.local.get(after.id), after, head),
            ...workflowChanges(before, after),
            ...stepChanges(before, after),
            ...bypassChanges(before, after),
            ...escalationChanges(base, renamed, before, after),
            ...partChanges(before, after),
            ...suppressionChanges(before, after),
            ...modelChanges(base, renamed, before, after),
        ];
        workflows.push(workflowDiff(after, before, after, changes));
    }
    for (const before of base.workflows) {
        if (renamed.workflows.some((w) => w.id === before.id)) continue;
        workflows.push(workflowDiff(before, before, undefined, [neutral('workflow-removed', { element: `workflow ${before.id}`, message: `Workflow ${before.id} was removed, with all its governance.`, source: before.source })]));
    }
    workflows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const declarations = renameChanges(renames.shared, undefined, head);
    return { workflows, declarations, summary: summarise(workflows, declarations) };
}

/** Neutral: each element renamed, named by its new id, where HEAD writes it. */
function renameChanges(map: RenameMap | undefined, workflow: Workflow | undefined, head: HitlModel): Change[] {
    const changes: Change[] = [];
    const original = workflow ? head.workflows.find((w) => w.id === workflow.id) : undefined;
    for (const [newId, oldId] of map ?? []) {
        const element = original ? [...original.steps, ...original.escalations].find((e) => e.id === newId) : [...head.declarations.parties, ...head.declarations.escalations].find((e) => e.id === newId);
        changes.push(neutral('renamed', { element: `${element?.kind ?? 'element'} ${newId}`, message: `${oldId} was renamed to ${newId}, with every use; nothing else changed.`, before: oldId, after: newId, source: element?.source }));
    }
    return changes;
}

function workflowChanges(before: Workflow, after: Workflow): Change[] {
    const element = `workflow ${after.id}`;
    return [...stageChanges(before.stage, after.stage, element, after.source), ...slaChanges(before.sla?.seconds, after.sla?.seconds, 'sla', element, after.source, durationText(before.sla), durationText(after.sla))];
}

function workflowDiff(subject: Workflow, before: Workflow | undefined, after: Workflow | undefined, changes: readonly Change[]): WorkflowDiff {
    const raised = before !== undefined && after !== undefined && versionRaised(before.version, after.version);
    const approved = raised && after?.changeApprover !== undefined;
    // A weakening stays an error unless the change was versioned and approved; then a warning that still names it.
    const settled = changes.map((change) => (change.class === 'weakening' ? { ...change, severity: approved ? ('warning' as const) : ('error' as const) } : change));
    const status = !before ? 'added' : !after ? 'removed' : changes.length > 0 || before.version !== after.version ? 'changed' : 'unchanged';
    return {
        id: subject.id,
        ...(subject.title !== undefined ? { title: subject.title } : {}),
        status,
        version: { before: before?.version, after: after?.version, raised },
        ...(after?.changeApprover !== undefined ? { changeApprover: after.changeApprover } : {}),
        changes: settled,
        source: subject.source,
    };
}

/** `3.1.0` → `3.2.0`: compared part by part, numerically where both parts are numbers. */
export function versionRaised(before: string | undefined, after: string | undefined): boolean {
    if (after === undefined) return false;
    if (before === undefined) return true;
    const [a, b] = [before.split(/[.-]/), after.split(/[.-]/)];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const [x, y] = [a[i] ?? '0', b[i] ?? '0'];
        const order = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(y) - Number(x) : y < x ? -1 : y > x ? 1 : 0;
        if (order !== 0) return order > 0;
    }
    return false;
}

function summarise(workflows: readonly WorkflowDiff[], declarations: readonly Change[]): DiffSummary {
    const all = [...workflows.flatMap((w) => w.changes), ...declarations];
    const count = (c: ChangeClass) => all.filter((change) => change.class === c).length;
    return {
        workflows: workflows.filter((w) => w.status !== 'unchanged').length,
        weakening: count('weakening'),
        strengthening: count('strengthening'),
        neutral: count('neutral'),
        errors: all.filter((change) => change.severity === 'error').length,
        warnings: all.filter((change) => change.severity === 'warning').length,
    };
}
