import { readFileSync } from 'node:fs';
import path from 'node:path';
import { URI } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import { flowGraphOf as astFlowGraphOf } from '../../language/analysis/flow-graph.js';
import { compileModel } from '../../language/compiler/compile-model.js';
import { isWorkflow, type HitlFile } from '../../language/generated/ast.js';
import { toFinding } from '../../language/headless/check-result.js';
import {
    decisionsReachableFrom,
    describePath,
    escalationOf,
    flowGraphOf,
    AUDIT_FIELDS,
    HitlModel,
    partiesActingAt,
    pathsToDecision,
    reachableFrom,
    shortestPath,
    stepOf,
    unreachableSteps,
    type Condition,
    type Workflow,
} from '../../language/model/index.js';
import { buildWorkspace } from '../services.js';
import { compileFolder, compileTexts, REPO, type Compiled } from './workspace.js';

/** The compiled model: what it says about each construct, that it round-trips, and that it is the checker's graph. */

let samples: Compiled;

beforeAll(async () => {
    samples = await compileFolder('samples');
});

function workflowOf(model: HitlModel, id: string): Workflow {
    const workflow = model.workflows.find((candidate) => candidate.id === id);
    if (!workflow) throw new Error(`no workflow ${id}`);
    return workflow;
}

const ORG = `
role Lead { authority 3  channel Chat }
role Agent { authority 1  channel Chat }
role Chief { authority 5  final authority }
team Pod { members Agent, Lead  authority 2 }
channel Chat { kind chat  address "slack://ops" }
secret Key from "vault://kv/model"
model Scorer { provider "In-house"  version "1.2.0"  prompt version "3"  owner Lead  credentials Key }
ai actor Bot { model Scorer  operated by Lead }
dataset Requests { version "7"  owner Lead  field name personal  field amount  field segment }
policy Hold { behaviour hold  description "Held for a person" }
escalation Shared { to Lead via Chat within 4h  on timeout escalate to Senior }
escalation Senior { to Chief within 1d  on timeout deny }
escalation Unused { to Chief within 1d  on timeout pause }
`;

const FLOW = `
workflow Flow {
    version "1.0"
    owner Lead
    start Prepare
    sla 2d
    category big "Big" when amount > 10000
    automated step Prepare { input Requests  masks Requests.name  then Score }
    ai step Score {
        actor Bot
        input Requests
        confidence threshold 85%
        on unavailable use Hold -> Manual
        on low-confidence -> Review
        when big and not (segment == private or amount >= 50%) probability 20% -> Review
        when "manual review requested" -> Review
        otherwise -> Decide
    }
    gate Review {
        reviewer Pod
        allows approve, reject
        sla 8h
        escalate on disagreement to Shared within 2h
        on approve -> Decide
        on reject -> Refused
        on timeout approve
    }
    queue Manual { owner Agent  timeout 1d  on timeout escalate to Local  then Decide }
    decision Decide { kind eligibility  decided by Agent  risk high  residual risk medium accepted by Chief on 2026-02-30  stage assist  then Done }
    outcome Done { result "done" }
    outcome Refused
    escalation Local { to Lead within 30m  on timeout escalate to Shared }
    audit { record model-version, "ticket"  retention 6mo  mask personal data }
}
`;

describe('the model of the samples', () => {
    test('has every workflow and every shared declaration once, each with the workflows that use it', () => {
        const { model } = samples;
        expect(model.apiVersion).toBe('hitl.dev/v1');
        expect(model.kind).toBe('WorkflowModel');
        expect(model.workflows.map((workflow) => workflow.id)).toEqual(['ContentModeration', 'CreditLimitIncrease', 'CustomerRefunds', 'CvScreening', 'EdTriageSupport', 'MotorClaimsTriage']);
        const parties = model.declarations.parties.map((party) => party.id);
        expect(new Set(parties).size).toBe(parties.length);
        const cro = model.declarations.parties.find((party) => party.id === 'ChiefRiskOfficer')!;
        expect(cro.source.file).toBe('samples/organisation.hitl');
        expect(cro.usedBy.length).toBeGreaterThan(1);
        for (const workflow of model.workflows) {
            for (const id of workflow.uses.parties) expect(model.declarations.parties.find((party) => party.id === id)?.usedBy).toContain(workflow.id);
        }
    });

    test('round-trips: serialise, parse with the zod schema, serialise again gives the same text', () => {
        const text = JSON.stringify(samples.model);
        expect(JSON.stringify(HitlModel.parse(JSON.parse(text)))).toBe(text);
    });

    test('is the same whatever order the files come in', async () => {
        const reversed = compileModel([...samples.documents].reverse(), { display: (uri) => samples.model.files.find((file) => uri.path.endsWith(file))!, findings: samples.result.files });
        expect(JSON.stringify(reversed)).toBe(JSON.stringify(samples.model));
        const again = await compileFolder('samples');
        expect(JSON.stringify(again.model)).toBe(JSON.stringify(samples.model));
    });

    test("routes are the checker's flow graph: the same edges, kinds, labels and bypasses for every step", () => {
        for (const document of samples.documents) {
            const root = document.parseResult.value as HitlFile;
            for (const astWorkflow of root.elements.filter(isWorkflow)) {
                const astGraph = astFlowGraphOf(astWorkflow);
                const workflow = workflowOf(samples.model, astWorkflow.name);
                const graph = flowGraphOf(workflow);
                expect(graph.start).toBe(astGraph.start?.name);
                for (const step of astWorkflow.steps) {
                    const expected = (astGraph.outgoing.get(step) ?? []).map((edge) => ({ from: edge.from.name, to: edge.to.name, kind: edge.kind, label: edge.label, bypassesHuman: edge.bypassesHuman }));
                    const actual = (graph.outgoing.get(step.name) ?? []).map(({ route: _route, ...edge }) => edge);
                    expect(actual, `${workflow.id}.${step.name}`).toEqual(expected);
                }
            }
        }
    });

    test('every element carries its source range, 1-based, in the file as displayed', () => {
        const refunds = workflowOf(samples.model, 'CustomerRefunds');
        const assess = stepOf(refunds, 'AssessRefund')!;
        expect(assess.source).toMatchObject({ file: 'samples/customer-refunds.hitl', column: 5 });
        const line = samples.documents.find((document) => document.uri.path.endsWith('customer-refunds.hitl'))!.textDocument.getText().split('\n')[assess.source.line - 1];
        expect(line.trim()).toMatch(/^ai step AssessRefund /);
    });

    test('a clean workspace has no findings to attach', () => {
        expect(JSON.stringify(samples.model)).not.toContain('"findings"');
    });
});

describe('what the model says', () => {
    let model: HitlModel;
    let flow: Workflow;

    beforeAll(async () => {
        model = await compileTexts({ 'org.hitl': ORG, 'flow.hitl': FLOW });
        flow = workflowOf(model, 'Flow');
    });

    test('durations are seconds and ISO 8601, percentages fractions, dates ISO or absent when no such day', () => {
        expect(flow.sla).toEqual({ seconds: 172_800, iso: 'P2D' });
        const manual = stepOf(flow, 'Manual');
        expect(manual?.kind === 'queue' && manual.timeout).toEqual({ seconds: 86_400, iso: 'P1D' });
        expect(flow.audit?.retention).toEqual({ seconds: 180 * 86_400, iso: 'P6M' });
        const score = stepOf(flow, 'Score');
        expect(score?.kind === 'ai-step' && score.confidenceThreshold).toBe(0.85);
        const decide = stepOf(flow, 'Decide');
        // 30 February does not exist: the checker reports it, the model leaves it out.
        expect(decide?.kind === 'decision' && decide.residualRisk).toEqual({ grade: 'medium', acceptedBy: 'Chief' });
    });

    test('conditions are trees: one node per chain of and/or, not, comparisons with typed values, categories and labels', () => {
        const score = stepOf(flow, 'Score');
        if (score?.kind !== 'ai-step') throw new Error('no AI step');
        const when = score.routes.filter((route) => route.kind === 'when');
        const expected: Condition = {
            kind: 'and',
            operands: [
                { kind: 'category', category: 'big' },
                {
                    kind: 'not',
                    operand: {
                        kind: 'or',
                        operands: [
                            { kind: 'comparison', field: 'segment', operator: '==', value: { type: 'name', value: 'private' } },
                            { kind: 'comparison', field: 'amount', operator: '>=', value: { type: 'percentage', value: 0.5 } },
                        ],
                    },
                },
            ],
        };
        expect(when[0]).toMatchObject({ condition: expected, text: 'big and not (segment == private or amount >= 50%)', probability: 0.2, target: 'Review' });
        expect(when[1]).toMatchObject({ condition: { kind: 'label', label: 'manual review requested' } });
        expect(flow.categories[0]).toMatchObject({ id: 'big', definition: { kind: 'comparison', field: 'amount', operator: '>', value: { type: 'number', value: 10_000 } } });
    });

    test('an AI step names its model through its actor, and its fallbacks by failure mode', () => {
        const score = stepOf(flow, 'Score');
        expect(score).toMatchObject({
            kind: 'ai-step',
            actor: 'Bot',
            model: 'Scorer',
            fallbacks: [
                { mode: 'unavailable', policy: 'Hold', target: 'Manual' },
                { mode: 'low-confidence', target: 'Review' },
            ],
        });
    });

    test('shared declarations list the workflows that use them, directly or through other declarations', () => {
        const used = (kind: keyof HitlModel['declarations'], id: string) => (model.declarations[kind] as Array<{ id: string; usedBy?: string[] }>).find((d) => d.id === id)?.usedBy;
        // Bot → Scorer → Key: the secret is used through the actor's model.
        expect(used('secrets', 'Key')).toEqual(['Flow']);
        expect(used('models', 'Scorer')).toEqual(['Flow']);
        expect(used('policies', 'Hold')).toEqual(['Flow']);
        // Local escalates to Shared, which hands over to Senior.
        expect(used('escalations', 'Senior')).toEqual(['Flow']);
        expect(used('escalations', 'Unused')).toEqual([]);
        expect(flow.uses).toEqual({
            parties: ['Agent', 'Bot', 'Chief', 'Lead', 'Pod'],
            channels: ['Chat'],
            models: ['Scorer'],
            datasets: ['Requests'],
            policies: ['Hold'],
            secrets: ['Key'],
            escalations: ['Senior', 'Shared'],
        });
    });

    test('escalation chains are expanded level by level through hand-overs, local and shared told apart', () => {
        const local = flow.escalations.find((escalation) => escalation.id === 'Local')!;
        expect(local.scope).toBe('workflow');
        expect(local.chain.escalations).toEqual([
            { id: 'Local', scope: 'workflow' },
            { id: 'Shared', scope: 'shared' },
            { id: 'Senior', scope: 'shared' },
        ]);
        expect(local.chain.levels.map((level) => [level.party, level.within?.seconds, level.escalation.id])).toEqual([
            ['Lead', 1800, 'Local'],
            ['Lead', 14_400, 'Shared'],
            ['Chief', 86_400, 'Senior'],
        ]);
        expect(local.chain.onTimeout).toEqual({ kind: 'deny' });
        const manual = stepOf(flow, 'Manual');
        const route = manual?.kind === 'queue' ? manual.routes[0] : undefined;
        expect(route).toMatchObject({ kind: 'on', event: 'timeout', action: { kind: 'escalate', target: { kind: 'escalation', id: 'Local', scope: 'workflow' } } });
        expect(escalationOf(model, flow, { id: 'Shared', scope: 'shared' })?.source.file).toBe('org.hitl');
    });

    test('a chain that hands over to a party ends with that party, marked as the hand-over', async () => {
        const handOver = await compileTexts({ 'org.hitl': ORG.replace('on timeout escalate to Senior', 'on timeout escalate to Chief'), 'flow.hitl': FLOW });
        const shared = handOver.declarations.escalations.find((escalation) => escalation.id === 'Shared')!;
        expect(shared.chain.levels.map((level) => [level.party, level.handOver])).toEqual([
            ['Lead', false],
            ['Chief', true],
        ]);
        expect(shared.chain.onTimeout).toBeUndefined();
    });

    test('teams carry the people they stand for and the authority they count with', () => {
        const pod = model.declarations.parties.find((party) => party.id === 'Pod');
        expect(pod).toMatchObject({ kind: 'team', person: true, members: ['Agent', 'Lead'], people: ['Agent', 'Lead'], authority: 2, authorityAsTarget: 2, authorityAsHandler: 3 });
        expect(partiesActingAt(model, flow, stepOf(flow, 'Review')!)).toEqual(['Agent', 'Chief', 'Lead', 'Pod']);
    });

    test('path helpers: reachability, shortest paths, every path to a decision', () => {
        expect([...reachableFrom(flow, 'Review')].sort()).toEqual(['Decide', 'Done', 'Refused', 'Review']);
        expect(decisionsReachableFrom(flow, 'Prepare')).toEqual(['Decide']);
        expect(unreachableSteps(flow)).toEqual([]);
        // Depth first in route order; Review's `on timeout approve` is an edge of its own, a path on which nobody acts.
        expect(pathsToDecision(flow, 'Decide').map(describePath)).toEqual([
            'Prepare → Score → (unavailable) Manual → Decide',
            'Prepare → Score → (low-confidence) Review → (approve) Decide',
            'Prepare → Score → (low-confidence) Review → (timeout → approve) Decide',
            'Prepare → Score → (when big and not (segment == private or amount >= 50%)) Review → (approve) Decide',
            'Prepare → Score → (when big and not (segment == private or amount >= 50%)) Review → (timeout → approve) Decide',
            'Prepare → Score → (when "manual review requested") Review → (approve) Decide',
            'Prepare → Score → (when "manual review requested") Review → (timeout → approve) Decide',
            'Prepare → Score → (otherwise) Decide',
        ]);
        const unattended = shortestPath(flow, 'Score', (step) => step.kind === 'decision', (step) => step.kind === 'gate' || step.kind === 'queue');
        expect(describePath(unattended!)).toBe('Score → (otherwise) Decide');
        expect(pathsToDecision(flow, 'Decide', { limit: 2 })).toHaveLength(2);
        expect(pathsToDecision(flow, 'Done')).toEqual([]);
    });

    test('an inline credential is flagged, never copied', async () => {
        const inline = await compileTexts({ 'org.hitl': ORG.replace('credentials Key', 'credentials "sk-live-0123456789abcdef0123456789"'), 'flow.hitl': FLOW });
        expect(inline.declarations.models[0]).toMatchObject({ id: 'Scorer', inlineCredentials: true });
        expect(JSON.stringify(inline)).not.toContain('sk-live');
    });

    test('a workspace that does not parse still compiles: what resolves is there, the rest is marked or left out', async () => {
        const broken = await compileTexts({ 'org.hitl': ORG, 'flow.hitl': FLOW.replace('when "manual review requested" -> Review', 'when amount > -> Review\n        on timeout -> Nowhere') });
        const score = stepOf(workflowOf(broken, 'Flow'), 'Score');
        expect(JSON.stringify(score)).toContain('"kind":"incomplete"');
        expect(HitlModel.parse(broken)).toEqual(broken);
    });
});

test("the model's list of audit fields is the grammar's (the other word lists are checked by the type checker)", () => {
    const grammar = readFileSync(path.join(REPO, 'language/grammar/hitl.langium'), 'utf8');
    const rule = /AuditField returns string:([\s\S]*?);/.exec(grammar)![1];
    expect([...rule.matchAll(/'([^']+)'/g)].map((match) => match[1])).toEqual([...AUDIT_FIELDS]);
});

describe('findings', () => {
    const SUPPRESSED = `
role Approver { authority 3 }
workflow Payments {
    version "1.0"
    change approver Approver
    gate Review {
        suppress "escalation/timeout-required" {
            reason "Pilot runs with instant timeout while the queue is staffed 24/7"
            approver Approver
            expires 2999-01-01
        }
        sla 0h
        on approve -> Done
    }
    outcome Done
}
`;

    test('attach to the innermost element that holds them, suppressed ones with their reason, approver and expiry', async () => {
        const documents = await buildWorkspace({ 'payments.hitl': SUPPRESSED });
        const display = (uri: URI) => uri.path.slice(uri.path.lastIndexOf('/') + 1);
        const files = documents.map((document) => ({
            path: display(document.uri),
            findings: (document.diagnostics ?? []).map((diagnostic) => toFinding(diagnostic, display(document.uri), (uri) => display(URI.parse(uri)))),
        }));
        const model = compileModel(documents, { display, findings: files });
        const review = stepOf(workflowOf(model, 'Payments'), 'Review')!;
        const suppressed = review.findings?.find((finding) => finding.code === 'escalation/timeout-required');
        expect(suppressed).toMatchObject({
            severity: 'error',
            source: { file: 'payments.hitl', line: 12 },
            suppression: { reason: 'Pilot runs with instant timeout while the queue is staffed 24/7', approver: 'Approver', expires: '2999-01-01' },
        });
        // Every finding of the check is somewhere in the model, once.
        const all = JSON.stringify(model).match(/"code":/g) ?? [];
        expect(all.length).toBe(files.flatMap((file) => file.findings).length);
        expect(HitlModel.parse(JSON.parse(JSON.stringify(model)))).toEqual(model);
    });
});
