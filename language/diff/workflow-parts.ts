import type { Access, Finding, HitlModel, Incident, SourceRange, Workflow } from '../model/schema.js';
import { lookup } from '../model/lookup.js';
import { neutral, ranked, strengthening, weakening, type Change } from './change.js';
import { maskChanges } from './steps.js';
import { durationText } from './wording.js';

/** Changes to a workflow's audit, access masks, monitoring, appeal and incident route. */
export function partChanges(base: Workflow, head: Workflow): Change[] {
    return [...auditChanges(base, head), ...accessMaskChanges(base.access, head.access, head), ...monitorChanges(base, head), ...appealChanges(base, head), ...incidentChanges(base.incident, head.incident, head)];
}

function auditChanges(base: Workflow, head: Workflow): Change[] {
    const [before, after] = [base.audit, head.audit];
    if (!before) return after ? [strengthening('audit-added', 'audit-field-removed', { element: 'audit', message: 'An audit block was added.', source: after.source })] : [];
    const source = after?.source ?? head.source;
    const changes: Change[] = [];
    const fields = after?.fields ?? [];
    const dropped = before.fields.filter((field) => !fields.includes(field));
    if (dropped.length > 0) {
        changes.push(weakening('audit-field-removed', { element: 'audit', message: `The audit record no longer records ${dropped.join(', ')}${after ? '' : ' (the audit block was removed)'}.`, before: `record ${before.fields.join(', ')}`, after: after ? `record ${fields.join(', ')}` : undefined, source }));
    }
    const added = fields.filter((field) => !before.fields.includes(field));
    if (added.length > 0) changes.push(strengthening('audit-field-added', 'audit-field-removed', { element: 'audit', message: `The audit record now also records ${added.join(', ')}.`, source }));
    changes.push(
        ...ranked(-(before.retention?.seconds ?? 0), -(after?.retention?.seconds ?? 0), 'retention-shortened', 'retention-lengthened', (weaker) => ({
            element: 'audit',
            message: `Audit retention ${weaker ? 'shortened' : 'lengthened'} from ${durationText(before.retention)} to ${durationText(after?.retention)}.`,
            before: `retention ${durationText(before.retention)}`,
            after: `retention ${durationText(after?.retention)}`,
            source,
        })),
    );
    if (before.masksPersonalData && !after?.masksPersonalData) {
        changes.push(weakening('masking-removed', { element: 'audit', message: 'The audit record no longer masks personal data.', before: 'mask personal data', source }));
    } else if (!before.masksPersonalData && after?.masksPersonalData) {
        changes.push(strengthening('masking-added', 'masking-removed', { element: 'audit', message: 'The audit record now masks personal data.', after: 'mask personal data', source }));
    }
    return changes;
}

/** `mask F in ai-input, audit` as one entry per field and place. */
function maskedPlaces(access: Access | undefined): string[] {
    return (access?.masks ?? []).flatMap((mask) => mask.fields.flatMap((field) => (mask.scopes.length > 0 ? mask.scopes.map((scope) => `${field} in ${scope}`) : [field])));
}

function accessMaskChanges(before: Access | undefined, after: Access | undefined, head: Workflow): Change[] {
    return maskChanges(maskedPlaces(before), maskedPlaces(after), 'access', after?.source ?? head.source);
}

const MONITORS = [
    ['drift', 'G30'],
    ['bias', 'G32'],
    ['misuse', 'G38'],
] as const;

function monitorChanges(base: Workflow, head: Workflow): Change[] {
    const changes: Change[] = [];
    for (const [type, requirement] of MONITORS) {
        const before = base.monitoring?.[type] ?? [];
        const after = head.monitoring?.[type] ?? [];
        for (const monitor of before) {
            if (after.some((m) => m.id === monitor.id)) continue;
            const element = `${type} monitor ${monitor.id}`;
            changes.push(weakening('monitor-removed', { element, message: `The ${element} was removed: nothing watches what it watched.`, before: `${type} ${monitor.id}`, source: head.monitoring?.source ?? head.source, requirements: [requirement] }));
        }
        for (const monitor of after) {
            if (before.some((m) => m.id === monitor.id)) continue;
            changes.push(strengthening('monitor-added', 'monitor-removed', { element: `${type} monitor ${monitor.id}`, message: `A ${type} monitor ${monitor.id} was added.`, after: `${type} ${monitor.id}`, source: monitor.source, requirements: [requirement] }));
        }
    }
    return changes;
}

function appealChanges(base: Workflow, head: Workflow): Change[] {
    if (base.appeal && !head.appeal) {
        return [weakening('appeal-removed', { element: 'appeal', message: `The appeal route (reviewer ${base.appeal.reviewer ?? 'none'}) was removed: people can no longer appeal its decisions.`, before: `appeal via ${base.appeal.channel ?? '?'} to ${base.appeal.reviewer ?? '?'}`, source: head.source })];
    }
    if (!base.appeal && head.appeal) return [strengthening('appeal-added', 'appeal-removed', { element: 'appeal', message: 'An appeal route was added.', source: head.appeal.source })];
    return [];
}

function incidentChanges(before: Incident | undefined, after: Incident | undefined, head: Workflow): Change[] {
    if (!before) return after ? [strengthening('incident-route-added', 'incident-route-removed', { element: 'incident', message: 'An incident route was added.', source: after.source })] : [];
    const notice = (n: Incident['notices'][number]) => `notify ${n.party ?? '?'}${n.channel ? ` via ${n.channel}` : ''}${n.within ? ` within ${durationText(n.within)}` : ''}`;
    const afterNotices = (after?.notices ?? []).map(notice);
    const dropped = before.notices.map(notice).filter((text) => !afterNotices.includes(text));
    if (!after) return [weakening('incident-route-removed', { element: 'incident', message: 'The incident route was removed: serious incidents reach nobody.', before: before.notices.map(notice).join('; '), source: head.source })];
    if (dropped.length === 0) return [];
    return [weakening('incident-route-removed', { element: 'incident', message: `The incident route no longer has: ${dropped.join('; ')}.`, before: before.notices.map(notice).join('; '), after: afterNotices.join('; '), source: after.source })];
}

interface Suppressed {
    readonly key: string;
    readonly code: string;
    readonly suppression: NonNullable<Finding['suppression']>;
    readonly source: SourceRange;
}

/** Every suppressed finding in a workflow, keyed by its code and the element it is about. */
function suppressedIn(workflow: Workflow): Suppressed[] {
    const found: Suppressed[] = [];
    const visit = (node: unknown, element: string): void => {
        if (Array.isArray(node)) return node.forEach((item) => visit(item, element));
        if (node === null || typeof node !== 'object') return;
        const record = node as Record<string, unknown>;
        const here = typeof record.id === 'string' ? `${element}/${record.id}` : element;
        for (const [key, value] of Object.entries(record)) {
            if (key !== 'findings') visit(value, here);
            else for (const finding of value as NonNullable<Workflow['findings']>) if (finding.suppression) found.push({ key: `${finding.code} ${here}`, code: finding.code, suppression: finding.suppression, source: finding.source });
        }
    };
    visit(workflow, '');
    return found;
}

export function suppressionChanges(base: Workflow, head: Workflow): Change[] {
    const before = new Set(suppressedIn(base).map((s) => s.key));
    return suppressedIn(head)
        .filter((s) => !before.has(s.key))
        .map((s) =>
            weakening('suppression-added', {
                element: `suppression of ${s.code}`,
                message: `A ${s.code} finding is newly suppressed ("${s.suppression.reason}", approved by ${s.suppression.approver}, expires ${s.suppression.expires}).`,
                after: `suppress ${s.code} because "${s.suppression.reason}" approved by ${s.suppression.approver} expires ${s.suppression.expires}`,
                source: s.source,
            }),
        );
}

/**
 * A model or prompt version changed for a workflow's AI steps: weakening unless the workflow
 * has a pre-deployment review it did not have before (a new id, or a new date).
 */
export function modelChanges(baseModel: HitlModel, headModel: HitlModel, base: Workflow, head: Workflow): Change[] {
    const reviewed = head.reviews.some((review) => !base.reviews.some((old) => old.id === review.id && old.date === review.date));
    const changes: Change[] = [];
    for (const id of head.uses.models) {
        const [was, is] = [lookup(baseModel).models.get(id), lookup(headModel).models.get(id)];
        if (!was || !is || !base.uses.models.includes(id)) continue;
        const versions = (m: typeof was) => `version ${m.version ?? 'none'}, prompt version ${m.promptVersion ?? 'none'}`;
        if (was.version === is.version && was.promptVersion === is.promptVersion) continue;
        const facts = { element: `model ${id}`, before: versions(was), after: versions(is), source: is.source };
        changes.push(
            reviewed
                ? neutral('model-version-changed', { ...facts, message: `model ${id} changed (${facts.before} → ${facts.after}); the workflow has a new pre-deployment review.` }, ['G15', 'G28'])
                : weakening('model-unreviewed', { ...facts, message: `model ${id} changed (${facts.before} → ${facts.after}) without a new pre-deployment review of ${head.id}.` }),
        );
    }
    return changes;
}
