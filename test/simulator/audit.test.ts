import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_EVENTS, auditSchema } from '../../language/generators/index.js';
import type { HitlModel } from '../../language/model/index.js';
import { simulateRun, type AuditRecord, type Scenario } from '../../language/simulator/index.js';
import { canonicalJson } from '../../language/util/canonical-json.js';
import { strictAjv } from '../compile/ajv.js';
import { compileFolder } from '../compile/workspace.js';

let model: HitlModel;
beforeAll(async () => {
    ({ model } = await compileFolder('samples'));
});

// Busy enough that SLAs fire and chains escalate; failures common enough that fallbacks happen.
const SCENARIO: Scenario = { cases: 400, warmupCases: 50, arrivals: { kind: 'poisson', ratePerHour: 30 }, roles: {} };

describe('audit records from simulation', () => {
    it('validate, every one, against the audit schema `hitl compile` emits, for every sample workflow', () => {
        expect(model.workflows.length).toBeGreaterThanOrEqual(6);
        const kinds = new Set<string>();
        for (const workflow of model.workflows) {
            const validate = strictAjv().compile(auditSchema(model, workflow));
            const steps: Record<string, object> = {};
            for (const step of workflow.steps) if (step.kind === 'ai-step') steps[step.id] = { failures: { unavailable: 0.1, 'abnormal-output': 0.05 } };
            const records: AuditRecord[] = [];
            simulateRun(model, { workflow: workflow.id, seed: 3, scenario: { ...SCENARIO, steps }, onAuditRecord: (record) => records.push(record) });
            expect(records.length, workflow.id).toBeGreaterThan(400);
            for (const record of records) {
                expect(validate(record), `${workflow.id} ${JSON.stringify(record)}\n${JSON.stringify(validate.errors)}`).toBe(true);
                kinds.add(String(record.event));
            }
            // Only measured cases: the 50 warm-up cases write nothing.
            expect(records.every((record) => Number(String(record.caseId).slice(5)) >= 50), workflow.id).toBe(true);
        }
        // Between them the samples write every kind of record.
        expect([...kinds].sort()).toEqual([...AUDIT_EVENTS].sort());
    });

    it('form one hash chain per run: each hash is SHA-256 of the record without it (RFC 8785), and names the one before', () => {
        const records: AuditRecord[] = [];
        simulateRun(model, { workflow: 'CreditLimitIncrease', seed: 5, scenario: { cases: 100 }, onAuditRecord: (record) => records.push(record) });
        let previous: unknown = null;
        records.forEach((record, index) => {
            const { hash, ...rest } = record;
            expect(record.sequence).toBe(index);
            expect(record.previousHash).toBe(previous);
            expect(hash).toBe(`sha256:${createHash('sha256').update(canonicalJson(rest)).digest('hex')}`);
            previous = hash;
        });
        // Times come from the scenario's start (default 2026-01-05T00:00 UTC) and never go back.
        expect(String(records[0].time) >= '2026-01-05T00:00:00.000Z').toBe(true);
        for (let i = 1; i < records.length; i++) expect(String(records[i].time) >= String(records[i - 1].time)).toBe(true);
    });

    it('writes, for one traced case, the records its trace tells', () => {
        const records: AuditRecord[] = [];
        const run = simulateRun(model, { workflow: 'CreditLimitIncrease', seed: 11, scenario: { cases: 60 }, traceCase: 40, onAuditRecord: (record) => records.push(record) });
        const mine = records.filter((record) => record.caseId === 'case-40');
        const acted = run.trace!.filter((entry) => entry.event === 'acted');
        expect(mine.filter((record) => record.event === 'human-action').map((record) => (record.actor as { id: string }).id)).toEqual(acted.map((entry) => entry.actor));
        expect(mine.filter((record) => record.event === 'ai-output').length).toBe(run.trace!.filter((entry) => entry.event === 'ai-output').length);
    });
});
