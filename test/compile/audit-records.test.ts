import type { ValidateFunction } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, test } from 'vitest';
import { AUDIT_EVENTS, auditSchema, type AuditEvent, type JsonSchema } from '../../language/generators/index.js';
import { GATE_ACTIONS, type HitlModel, type Workflow } from '../../language/model/index.js';
import { strictAjv } from './ajv.js';
import { actingAt, asCloudEvent, realisticRecords, type AuditRecord } from './audit-records.js';
import { compileFolder } from './workspace.js';

/**
 * For every sample workflow: a realistic record per event kind validates against the workflow's
 * audit schema, plain and as a CloudEvent; records broken in the ways that matter are refused.
 */

let model: HitlModel;

beforeAll(async () => {
    ({ model } = await compileFolder('samples'));
});

function validator(schema: JsonSchema): ValidateFunction {
    return strictAjv().compile(schema);
}

function eventsOf(schema: JsonSchema): AuditEvent[] {
    const common = (schema.$defs as Record<string, JsonSchema>).common;
    const event = (common.properties as Record<string, JsonSchema>).event;
    return (event.enum as AuditEvent[] | undefined) ?? [event.const as AuditEvent];
}

const clone = <T>(value: T): T => structuredClone(value);

const WORKFLOWS = ['ContentModeration', 'CreditLimitIncrease', 'CustomerRefunds', 'CvScreening', 'EdTriageSupport', 'MotorClaimsTriage'];

describe.each(WORKFLOWS)('audit records of %s', (id) => {
    let workflow: Workflow;
    let schema: JsonSchema;
    let validate: ValidateFunction;
    let records: AuditRecord[];
    const record = (event: AuditEvent) => clone(records.find((r) => r.event === event)!);
    const accepts = (value: unknown) => {
        const ok = validate(value);
        return ok ? 'valid' : JSON.stringify(validate.errors?.slice(0, 3));
    };

    beforeAll(() => {
        workflow = model.workflows.find((w) => w.id === id)!;
        schema = auditSchema(model, workflow);
        validate = validator(schema);
        records = realisticRecords(model, workflow, eventsOf(schema));
    });

    test('a realistic record of every event kind the workflow writes validates, plain and as a CloudEvent', () => {
        expect(records.map((r) => r.event)).toEqual(AUDIT_EVENTS.filter((event) => eventsOf(schema).includes(event)));
        expect(records.length).toBeGreaterThanOrEqual(6);
        for (const r of records) {
            expect(accepts(r), r.event).toBe('valid');
            expect(accepts(asCloudEvent(r, schema.$id as string)), `${r.event} as a CloudEvent`).toBe('valid');
        }
    });

    test('a record without its model version is refused', () => {
        const r = record('ai-output');
        delete (r.model as Record<string, unknown>).version;
        expect(accepts(r)).not.toBe('valid');
        const other = record('ai-output');
        (other.model as Record<string, unknown>).version = 'latest';
        expect(accepts(other)).not.toBe('valid');
    });

    test('a prompt version other than the pinned one is refused', () => {
        const r = record('ai-output');
        (r.model as Record<string, unknown>).promptVersion = '0.0.0-unreviewed';
        expect(accepts(r)).not.toBe('valid');
    });

    test('an action the gate does not allow is refused', () => {
        const r = record('human-action');
        const gate = workflow.steps.find((step) => step.id === r.step);
        const allowed: readonly string[] = gate?.kind === 'gate' ? gate.allows : [];
        const refused = GATE_ACTIONS.filter((action) => !allowed.includes(action));
        expect(refused.length).toBeGreaterThan(0);
        for (const action of [...refused, 'rubber-stamp']) expect(accepts({ ...r, action }), action).not.toBe('valid');
    });

    test('an unknown step id is refused, in every kind of record', () => {
        for (const event of eventsOf(schema)) expect(accepts({ ...record(event), step: 'NoSuchStep' }), event).not.toBe('valid');
        // A real step of the wrong kind too: a human action at an AI step.
        const ai = workflow.steps.find((step) => step.kind === 'ai-step')!;
        expect(accepts({ ...record('human-action'), step: ai.id })).not.toBe('valid');
    });

    test('a personal field the workflow masks, written in clear, is refused', () => {
        const r = record('ai-output');
        const fields = (r.input as { fields: Record<string, unknown> }).fields;
        const masked = Object.entries(fields).filter(([, value]) => typeof value === 'object');
        expect(masked.length).toBeGreaterThan(0);
        for (const [name] of masked) {
            const leaked = clone(r);
            (leaked.input as { fields: Record<string, unknown> }).fields[name] = 'Jane Doe';
            expect(accepts(leaked), name).not.toBe('valid');
        }
        const redacted = clone(r);
        (redacted.input as { fields: Record<string, unknown> }).fields[masked[0][0]] = { redacted: true };
        expect(accepts(redacted)).toBe('valid');
        // A field the workflow does not read is not in a record at all.
        const stray = clone(r);
        (stray.input as { fields: Record<string, unknown> }).fields['Unknown.home_address'] = 'x';
        expect(accepts(stray)).not.toBe('valid');
    });

    test('a human action without the reviewer identity, or by a party who has no seat at that step, is refused', () => {
        const r = record('human-action');
        delete (r.actor as Record<string, unknown>).id;
        expect(accepts(r)).not.toBe('valid');
        const { actor: _actor, ...anonymous } = record('human-action');
        expect(accepts(anonymous)).not.toBe('valid');
        const seated = actingAt(model, workflow, record('human-action').step);
        const outsider = model.declarations.parties.find((party) => party.kind === 'role' && !seated.includes(party.id))!;
        expect(accepts({ ...record('human-action'), actor: { id: 'emp-9', role: outsider.id } })).not.toBe('valid');
    });

    test('a gate that requires a rationale refuses an action without one', () => {
        const r = record('human-action');
        const gate = workflow.steps.find((step) => step.id === r.step);
        delete r.rationale;
        const required = gate?.kind === 'gate' && gate.rationaleRequired;
        expect(accepts(r) === 'valid').toBe(!required);
    });

    test('records carry the workflow version and a hash chain', () => {
        expect(accepts({ ...record('final-decision'), workflowVersion: '0.0.1' })).not.toBe('valid');
        const { previousHash: _previous, ...unchained } = record('final-decision');
        expect(accepts(unchained)).not.toBe('valid');
        expect(accepts({ ...record('final-decision'), hash: 'sha256:not-a-digest' })).not.toBe('valid');
        expect(accepts({ ...record('final-decision'), sneaky: true })).not.toBe('valid');
        expect(records[0].previousHash).toBeNull();
        records.slice(1).forEach((r, index) => expect(r.previousHash).toBe(records[index].hash));
    });

    test('a final decision without who took it is refused', () => {
        const { decidedBy: _decidedBy, ...r } = record('final-decision');
        expect(accepts(r)).not.toBe('valid');
    });

    test('the CloudEvent names this schema, a type that matches its data, and the case as subject', () => {
        const event = asCloudEvent(record('ai-output'), schema.$id as string);
        expect(accepts({ ...event, dataschema: 'https://example.com/other.json' })).not.toBe('valid');
        expect(accepts({ ...event, type: 'dev.hitl.audit.effect' })).not.toBe('valid');
        const { subject: _subject, ...anonymous } = event;
        expect(accepts(anonymous)).not.toBe('valid');
        expect(accepts({ ...event, specversion: '0.3' })).not.toBe('valid');
    });
});
