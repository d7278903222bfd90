// The AWS Step Functions export of every sample: checked by asl-validator, compared with its
// golden file, and run in aws-local-stepfunctions route by route. After an intended change to
// the export, regenerate the golden files and review the diff:
//
//     HITL_UPDATE_GOLDEN=1 npx vitest run test/exports/asl/asl.test.ts
//
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import validator from 'asl-validator';
import { beforeAll, describe, expect, test } from 'vitest';
import { aslJson, exportAsl, placeholdersOf } from '../../../language/exports/asl/index.js';
import type { RouteScenario } from '../../../language/exports/route-scenarios.js';
import type { HitlModel } from '../../../language/model/schema.js';
import { compileFolder, REPO } from '../../compile/workspace.js';
import { runAslRoute, traceAslRoute } from './run-asl.js';
import { HAND_SCENARIOS } from './scenarios.js';

const GOLDEN = path.join(REPO, 'test/golden/export/asl');
const UPDATE = process.env.HITL_UPDATE_GOLDEN === '1';

let model: HitlModel;
const sampleOf = (workflow: string) => path.basename(model.workflows.find((w) => w.id === workflow)!.source.file, '.hitl');

beforeAll(async () => {
    ({ model } = await compileFolder('samples'));
});

const workflows = ['ContentModeration', 'CreditLimitIncrease', 'CustomerRefunds', 'CvScreening', 'EdTriageSupport', 'MotorClaimsTriage'];

describe('the ASL export of every sample', () => {
    test('covers every sample workflow', () => {
        expect(model.workflows.map((w) => w.id).sort()).toEqual(workflows);
    });

    test.each(workflows)('%s passes asl-validator with paths and ARNs checked', (workflow) => {
        const definition = exportAsl(model, workflow);
        // The validator annotates what it is given: a copy.
        const result = validator(structuredClone(definition), { checkPaths: true, checkArn: true });
        expect(result.errorsText('\n'), `${sampleOf(workflow)}: ${workflow}`).toBe('');
        expect(result.isValid).toBe(true);
    });

    test.each(workflows)('%s matches its golden file (update: HITL_UPDATE_GOLDEN=1 npx vitest run test/exports/asl/asl.test.ts)', (workflow) => {
        const file = path.join(GOLDEN, sampleOf(workflow), `${workflow}.asl.json`);
        const text = aslJson(exportAsl(model, workflow));
        if (UPDATE) {
            mkdirSync(path.dirname(file), { recursive: true });
            writeFileSync(file, text);
        }
        expect(text).toBe(readFileSync(file, 'utf8'));
    });

    test('there are no golden files for workflows that do not exist', () => {
        const golden = readdirSync(GOLDEN, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
        expect(golden.sort()).toEqual(workflows.map((workflow) => `${workflow}.asl.json`));
    });

    test.each(workflows)('%s is the same, byte for byte, when exported again from a fresh compile', async (workflow) => {
        const again = (await compileFolder('samples')).model;
        expect(aslJson(exportAsl(again, workflow))).toBe(aslJson(exportAsl(model, workflow)));
    });
});

describe('route scenarios run in aws-local-stepfunctions', () => {
    const cases = HAND_SCENARIOS.flatMap(({ workflow, scenarios }) => scenarios.map((scenario) => [workflow, scenario.name, scenario] as const));

    test.each(cases)('%s: %s', async (workflow, _name, scenario: RouteScenario) => {
        const run = await traceAslRoute(exportAsl(model, workflow), scenario);
        expect(run.outcome, `${sampleOf(workflow)} · ${workflow} · "${scenario.name}": expected ${scenario.expected}, reached ${run.outcome} via ${run.states.join(' → ')}`).toBe(scenario.expected);
    });
});

describe('the case data the exported Choices read', () => {
    // Values on both sides of the thresholds written in insurance-claims.hitl and customer-refunds.hitl.
    const claims = (data: Record<string, string | number>) => runAslRoute(exportAsl(model, 'MotorClaimsTriage'), { name: 'data', choices: {}, expected: '' }, { case: data });
    const refunds = (data: Record<string, string | number>) => runAslRoute(exportAsl(model, 'CustomerRefunds'), { name: 'data', choices: {}, expected: '' }, { case: data });

    test('fraud_score >= 0.7 refers the claim; 0.69 does not, and claim_amount > 15000 goes to a manager', async () => {
        // FraudReferral and ManagerReview approve by default; PayoutDecision pays only on decision == "pay".
        const referred = await traceAslRoute(exportAsl(model, 'MotorClaimsTriage'), { name: 'data', choices: {}, expected: '' }, { case: { fraud_score: 0.7, claim_amount: 100, decision: 'pay' } });
        expect(referred.states).toContain('FraudReferral');
        expect(referred.outcome).toBe('ClaimSettled');
        const large = await traceAslRoute(exportAsl(model, 'MotorClaimsTriage'), { name: 'data', choices: {}, expected: '' }, { case: { fraud_score: 0.69, claim_amount: 15001, decision: 'decline' } });
        expect(large.states).not.toContain('FraudReferral');
        expect(large.states).toContain('ManagerReview');
        expect(large.outcome).toBe('ClaimDeclined');
        const handler = await traceAslRoute(exportAsl(model, 'MotorClaimsTriage'), { name: 'data', choices: {}, expected: '' }, { case: { fraud_score: 0.1, claim_amount: 15000, decision: 'pay' } });
        expect(handler.states).toContain('HandlerAssessment');
        expect(handler.states).not.toContain('ManagerReview');
    });

    test('a case without the field a route tests does not take that route', async () => {
        // No fraud_score, no claim_amount: otherwise → HandlerAssessment; no decision: otherwise → decline letter.
        await expect(claims({})).resolves.toBe('ClaimDeclined');
    });

    test('!= on text: a refund suggested as "refund" is automatic, anything else goes to an agent', async () => {
        await expect(refunds({ amount: 50, suggested_outcome: 'refund', abuse_score: 0.1 })).resolves.toBe('Refunded');
        const agent = await traceAslRoute(exportAsl(model, 'CustomerRefunds'), { name: 'data', choices: {}, expected: '' }, { case: { amount: 50, suggested_outcome: 'partial', abuse_score: 0.1, decision: 'refuse' } });
        expect(agent.states).toContain('AgentReview');
        expect(agent.outcome).toBe('RefundRefused');
        const abuse = await traceAslRoute(exportAsl(model, 'CustomerRefunds'), { name: 'data', choices: {}, expected: '' }, { case: { amount: 200, suggested_outcome: 'refund', abuse_score: 0.6 } });
        expect(abuse.states).toContain('AgentReview');
    });
});

describe('what the definition holds', () => {
    test.each(workflows)('%s: every gate and queue with a timeout route times out after its SLA, into the timeout action', (workflow) => {
        const definition = exportAsl(model, workflow);
        const steps = model.workflows.find((w) => w.id === workflow)!.steps;
        let checked = 0;
        for (const step of steps) {
            if ((step.kind !== 'gate' && step.kind !== 'queue') || !(step.id in definition.States)) continue;
            const sla = step.kind === 'gate' ? step.sla : (step.timeout ?? step.sla);
            const timeout = step.routes.find((route) => route.kind === 'on' && route.event === 'timeout');
            const state = definition.States[step.id];
            if (!sla || !timeout) {
                expect(state.TimeoutSeconds, step.id).toBeUndefined();
                continue;
            }
            checked++;
            expect(state.TimeoutSeconds, step.id).toBe(sla.seconds);
            expect(state.Catch, step.id).toEqual([expect.objectContaining({ ErrorEquals: ['States.Timeout'] })]);
        }
        expect(checked).toBeGreaterThan(0);
    });

    test('every review goes to a queue URL and every function is a placeholder, unless the configuration gives it', () => {
        const names = placeholdersOf(exportAsl(model, 'MotorClaimsTriage'));
        expect(names).toContain('ReviewQueueUrl_ClaimsHandler');
        expect(names).toContain('AiFunctionArn_ScoreFraud');
        expect(names).toContain('EffectFunctionArn_IssuePayment');
        const url = 'https://sqs.eu-west-1.amazonaws.com/123456789012/claims-handlers';
        const configured = exportAsl(model, 'MotorClaimsTriage', { substitutions: { ReviewQueueUrl_ClaimsHandler: url } });
        expect((configured.States.HandlerAssessment.Parameters as { QueueUrl: string }).QueueUrl).toBe(url);
        expect(placeholdersOf(configured)).toEqual(names.filter((name) => name !== 'ReviewQueueUrl_ClaimsHandler'));
    });

    test('a configuration naming a placeholder the workflow does not use is refused, by name', () => {
        expect(() => exportAsl(model, 'MotorClaimsTriage', { substitutions: { ReviewQueueUrl_Nobody: 'x' } })).toThrow(/ReviewQueueUrl_Nobody/);
    });

    test('an unknown workflow is refused with the names there are', () => {
        expect(() => exportAsl(model, 'Nope')).toThrow(/No workflow named 'Nope'.*MotorClaimsTriage/);
    });
});
