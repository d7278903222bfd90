import { createHash } from 'node:crypto';
import { cloudEventType, type AuditEvent } from '../../language/generators/index.js';
import { escalationOf, escalationTargetsOf, fieldsReadBy, FAILURE_MODES, partiesActingAt, type HitlModel, type Step, type Workflow } from '../../language/model/index.js';

/**
 * Realistic audit records of a workflow, one per event kind, as a deployed system would write
 * them: built from the workflow's own steps, models, datasets and parties, with the fields the
 * workflow masks written as hashes. The tests validate them against the generated schema and
 * then break them one way at a time.
 */

export type AuditRecord = Record<string, unknown> & { event: AuditEvent; step: string };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const failures: ReadonlySet<string> = new Set(FAILURE_MODES);

function first<T>(items: readonly T[], what: string): T {
    if (items.length === 0) throw new Error(`the workflow has no ${what}`);
    return items[0];
}

/** Plain values for the input fields, and the masked ones as hashes. */
function inputFields(model: HitlModel, workflow: Workflow, datasets: readonly string[]): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const fact of fieldsReadBy(model, workflow)) {
        if (!datasets.includes(fact.dataset.id)) continue;
        const value = `${fact.field.id}-value`;
        fields[fact.id] = fact.maskedInAudit ? { sha256: sha256(value) } : value;
    }
    return fields;
}

/** One record per event kind the workflow can write, in a hash chain, for case `case-2026-0042`. */
export function realisticRecords(model: HitlModel, workflow: Workflow, events: readonly AuditEvent[]): AuditRecord[] {
    const records: AuditRecord[] = [];
    let previous: string | null = null;
    const add = (event: AuditEvent, step: Step, body: Record<string, unknown>) => {
        const sequence = records.length;
        const common = {
            recordId: `rec-${sequence.toString().padStart(4, '0')}`,
            workflow: workflow.id,
            workflowVersion: workflow.version,
            caseId: 'case-2026-0042',
            sequence,
            time: `2026-11-30T09:${(10 + sequence).toString()}:00Z`,
            event,
            step: step.id,
            previousHash: previous,
        };
        const withoutHash = { ...common, ...body };
        const hash = `sha256:${sha256(JSON.stringify(withoutHash))}`;
        records.push({ ...withoutHash, hash } as AuditRecord);
        previous = hash;
    };
    const steps = workflow.steps;
    for (const event of events) {
        if (event === 'ai-output') {
            const step = first(steps.filter((s) => s.kind === 'ai-step'), 'AI step');
            if (step.kind !== 'ai-step') continue;
            const used = model.declarations.models.find((candidate) => candidate.id === step.model)!;
            add(event, step, {
                model: { id: used.id, provider: 'openai', version: used.version, ...(used.promptVersion ? { promptVersion: used.promptVersion } : {}) },
                ...(step.actor ? { aiActor: step.actor } : {}),
                input: {
                    datasets: Object.fromEntries(step.inputs.map((id) => [id, model.declarations.datasets.find((dataset) => dataset.id === id)!.version])),
                    hash: `sha256:${sha256('input')}`,
                    fields: inputFields(model, workflow, step.inputs),
                },
                features: { score_inputs: 12 },
                output: { recommendation: 'approve', category: 'standard' },
                confidence: 0.93,
                explanation: 'The policy clause that applies and the evidence it rests on.',
            });
        } else if (event === 'fallback') {
            const step = first(steps.filter((s) => s.kind !== 'outcome' && s.routes.some((r) => r.kind === 'on' && failures.has(r.event))), 'fallback');
            const route = step.kind === 'outcome' ? undefined : step.routes.find((r) => r.kind === 'on' && failures.has(r.event));
            if (route?.kind !== 'on') continue;
            add(event, step, { mode: route.event, ...(route.policy ? { policy: route.policy } : {}), ...(route.target ? { target: route.target } : {}) });
        } else if (event === 'human-action') {
            const step = first(steps.filter((s) => s.kind === 'gate'), 'gate');
            if (step.kind !== 'gate') continue;
            add(event, step, {
                actor: { id: 'emp-1042', role: step.reviewers[0] },
                action: step.allows[0],
                rationale: 'The evidence supports the suggestion; checked against the source documents.',
                shown: step.shows,
                input: { fields: inputFields(model, workflow, workflow.steps.flatMap((s) => (s.kind === 'ai-step' ? s.inputs : []))) },
            });
        } else if (event === 'escalation') {
            const step = first(steps.filter((s) => escalationTargetsOf(s).some((t) => t.kind === 'escalation')), 'escalating step');
            const target = escalationTargetsOf(step).find((t) => t.kind === 'escalation')!;
            const escalation = target.kind === 'escalation' ? escalationOf(model, workflow, target)! : undefined;
            const level = escalation!.chain.levels[0];
            const trigger = step.kind === 'gate' || step.kind === 'queue' ? (step.escalations[0]?.triggers[0] ?? 'timeout') : 'timeout';
            add(event, step, { trigger, chain: escalation!.id, level: 0, target: level.party, ...(level.channel ? { channel: level.channel } : {}) });
        } else if (event === 'timeout') {
            const step = first(steps.filter((s) => s.kind !== 'outcome' && s.routes.some((r) => r.kind === 'on' && r.event === 'timeout')), 'timeout');
            const route = step.kind === 'outcome' ? undefined : step.routes.find((r) => r.kind === 'on' && r.event === 'timeout');
            if (route?.kind !== 'on') continue;
            add(event, step, { action: route.action?.kind ?? 'route', elapsedSeconds: 90_000 });
        } else if (event === 'final-decision') {
            const step = first(steps.filter((s) => s.kind === 'decision'), 'decision');
            if (step.kind !== 'decision') continue;
            const outcome = steps.find((s) => s.kind === 'outcome');
            add(event, step, {
                result: 'granted',
                decidedBy: { id: 'emp-2077', role: step.decidedBy },
                ...(outcome ? { outcome: outcome.id } : {}),
                ...(workflow.categories.length > 0 ? { categories: [workflow.categories[0].id] } : {}),
            });
        } else if (event === 'effect') {
            const step = first(steps.filter((s) => s.kind === 'effect'), 'effect');
            if (step.kind !== 'effect') continue;
            add(event, step, { status: 'executed', ...(step.channel ? { channel: step.channel } : {}), reference: 'ext-7781' });
        }
    }
    return records;
}

/** A record as the data of a CloudEvents 1.0 event. */
export function asCloudEvent(record: AuditRecord, schemaId: string): Record<string, unknown> {
    return {
        specversion: '1.0',
        id: record.recordId,
        source: `urn:hitl:deployment:${String(record.workflow)}`,
        type: cloudEventType(record.event),
        subject: record.caseId,
        time: record.time,
        datacontenttype: 'application/json',
        dataschema: schemaId,
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        data: record,
    };
}

/** The parties that may act at the gate a human-action record names. */
export function actingAt(model: HitlModel, workflow: Workflow, stepId: string): string[] {
    const step = workflow.steps.find((s) => s.id === stepId)!;
    return partiesActingAt(model, workflow, step);
}
