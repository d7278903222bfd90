import { createHash } from 'node:crypto';
import { lookup, pick } from '../model/lookup.js';
import type { AiStep, Decision, Effect, Gate, HitlModel, ManualQueue, Step, Workflow } from '../model/schema.js';
import { canonicalJson } from '../util/canonical-json.js';
import { isoTime } from './calendar.js';

/**
 * The audit records a deployed workflow would write for the simulated cases: one per event, in
 * one hash-chained log per run, shaped as `hitl compile`'s audit schema for the workflow
 * (language/generators/audit-schema.ts) asks. Values the simulation does not know (the model's
 * output, an explanation, the input's hash) are marked as simulated; times come from the
 * scenario's start, never a clock.
 */

export type AuditRecord = Readonly<Record<string, unknown>>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class AuditLog {
    private sequence = 0;
    private previous: string | null = null;
    private readonly recorded: ReadonlySet<string>;

    constructor(
        private readonly model: HitlModel,
        private readonly workflow: Workflow,
        private readonly startEpoch: number,
        private readonly replication: number,
        private readonly emit: (record: AuditRecord) => void,
    ) {
        this.recorded = new Set(workflow.audit?.fields ?? []);
    }

    aiOutput(time: number, caseId: number, step: AiStep, confidence: number): void {
        const used = step.model === undefined ? undefined : lookup(this.model).models.get(step.model);
        const datasets = pick(lookup(this.model).datasets, step.inputs);
        this.write(time, caseId, 'ai-output', step, {
            ...(used ? { model: { id: used.id, ...(used.version ? { version: used.version } : {}), ...(used.promptVersion ? { promptVersion: used.promptVersion } : {}) } } : {}),
            ...(step.actor ? { aiActor: step.actor } : {}),
            input: {
                ...(datasets.length > 0 ? { datasets: Object.fromEntries(datasets.map((dataset) => [dataset.id, dataset.version ?? 'unversioned'])) } : {}),
                hash: `sha256:${sha256(`simulated input of case ${caseId}`)}`,
            },
            ...(this.recorded.has('features') ? { features: { simulated: true } } : {}),
            ...(this.recorded.has('ai-output') ? { output: { simulated: true } } : {}),
            confidence: Math.round(confidence * 1e6) / 1e6,
            ...(this.recorded.has('explanation') ? { explanation: 'simulated explanation' } : {}),
        });
    }

    fallback(time: number, caseId: number, step: AiStep, mode: string, policy: string | undefined, target: string): void {
        this.write(time, caseId, 'fallback', step, { mode, ...(policy ? { policy } : {}), target });
    }

    humanAction(time: number, caseId: number, step: Gate | ManualQueue, actor: { id: string; role: string }, action: string): void {
        const gate = step.kind === 'gate' ? step : undefined;
        this.write(time, caseId, 'human-action', step, {
            actor,
            action,
            ...(gate?.rationaleRequired ? { rationale: 'simulated rationale' } : {}),
            ...(gate && gate.shows.length > 0 ? { shown: [...gate.shows] } : {}),
        });
    }

    escalation(time: number, caseId: number, step: Step, chain: string | undefined, level: number, target: string, channel: string | undefined): void {
        this.write(time, caseId, 'escalation', step, { trigger: 'timeout', ...(chain ? { chain } : {}), level, target, ...(channel ? { channel } : {}) });
    }

    timeout(time: number, caseId: number, step: Step, action: string, elapsedSeconds: number): void {
        this.write(time, caseId, 'timeout', step, { action, elapsedSeconds: Math.round(elapsedSeconds * 1000) / 1000 });
    }

    finalDecision(time: number, caseId: number, step: Decision, result: string, decidedBy: { id: string; role: string }): void {
        this.write(time, caseId, 'final-decision', step, { result, decidedBy });
    }

    effect(time: number, caseId: number, step: Effect): void {
        this.write(time, caseId, 'effect', step, { status: 'executed', ...(step.channel ? { channel: step.channel } : {}) });
    }

    private write(time: number, caseId: number, event: string, step: Step, body: Record<string, unknown>): void {
        const sequence = this.sequence++;
        const record: Record<string, unknown> = {
            recordId: `sim-r${this.replication}-${sequence}`,
            workflow: this.workflow.id,
            workflowVersion: this.workflow.version ?? 'unversioned',
            caseId: `case-${caseId}`,
            sequence,
            time: isoTime(this.startEpoch + Math.round(time * 1000)),
            event,
            step: step.id,
            previousHash: this.previous,
            ...body,
        };
        const hash = `sha256:${sha256(canonicalJson(record))}`;
        this.previous = hash;
        this.emit({ ...record, hash });
    }
}
