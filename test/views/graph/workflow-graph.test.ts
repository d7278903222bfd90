import { Parser } from 'saxen';
import { describe, expect, test } from 'vitest';
import type { EscalationTarget, HitlModel, Route, Step, Workflow } from '../../../language/model/schema.js';
import { layoutGraph, renderGraphSvg, workflowGraph, type GraphEdgeKind } from '../../../language/views/graph/index.js';
import { compileFolder, compileTexts } from '../../compile/workspace.js';

const { model: samples } = await compileFolder('samples');
const FAILURES = new Set(['unavailable', 'abnormal-output', 'low-confidence', 'error']);

function routesOf(workflow: Workflow): Route[] {
    return workflow.steps.flatMap((step) => (step.kind === 'outcome' ? [] : step.routes));
}

/** The escalations a workflow draws: its own and the shared ones it uses. */
function escalationsOf(model: HitlModel, workflow: Workflow) {
    const shared = model.declarations.escalations.filter((escalation) => workflow.uses.escalations.includes(escalation.id));
    return [...workflow.escalations, ...shared];
}

/** Every `escalate to` target in the workflow: timeout routes, escalation rules, chains' hand-overs. */
function escalationTargets(model: HitlModel, workflow: Workflow): EscalationTarget[] {
    const fromRoutes = routesOf(workflow).flatMap((route) => (route.kind === 'on' && route.action?.target ? [route.action.target] : []));
    const fromRules = workflow.steps.flatMap((step) => (step.kind === 'gate' || step.kind === 'queue' ? step.escalations.flatMap((rule) => (rule.target ? [rule.target] : [])) : []));
    const fromChains = escalationsOf(model, workflow).flatMap((escalation) => (escalation.onTimeout?.target ? [escalation.onTimeout.target] : []));
    return [...fromRoutes, ...fromRules, ...fromChains];
}

/**
 * The routes a gate's or queue's `on timeout approve|skip|deny` sends an item along, as the
 * language defines them: approve takes the approve routes (else the onward ones), skip the
 * onward routes (else the approve ones), deny the reject routes.
 */
function settledByTimeout(step: Step): number {
    if (step.kind !== 'gate' && step.kind !== 'queue') return 0;
    const targeted = step.routes.filter((route) => route.target);
    const on = (event: string) => targeted.filter((route) => route.kind === 'on' && route.event === event).length;
    const onward = targeted.filter((route) => route.kind !== 'on').length;
    return step.routes.reduce((sum, route) => {
        if (route.kind !== 'on' || route.event !== 'timeout' || route.target) return sum;
        const action = route.action?.kind;
        return sum + (action === 'approve' ? on('approve') || onward : action === 'skip' ? onward || on('approve') : action === 'deny' ? on('reject') : 0);
    }, 0);
}

describe.each(samples.workflows.map((workflow) => [workflow.id, workflow] as const))('the graph of %s', (id, workflow) => {
    const graph = workflowGraph(samples, id)!;
    const escalations = escalationsOf(samples, workflow);

    test('has a node per step and per escalation level, and one per party escalated to directly', () => {
        const parties = new Set(escalationTargets(samples, workflow).flatMap((target) => (target.kind === 'party' ? [target.id] : [])));
        const levels = escalations.reduce((sum, escalation) => sum + escalation.levels.length, 0);
        expect(graph.nodes.length).toBe(workflow.steps.length + levels + parties.size);
        expect(graph.nodes.filter((node) => node.kind !== 'escalation-level').map((node) => node.id)).toEqual(workflow.steps.map((step) => step.id));
    });

    test('has an edge per route, per escalation, and between consecutive escalation levels', () => {
        const targeted = routesOf(workflow).filter((route) => route.target).length;
        const between = escalations.reduce((sum, escalation) => sum + Math.max(0, escalation.levels.length - 1), 0);
        const settled = workflow.steps.reduce((sum, step) => sum + settledByTimeout(step), 0);
        expect(graph.edges.length).toBe(targeted + escalationTargets(samples, workflow).length + between + settled);
    });

    test('draws every kind of route the workflow has, and no other', () => {
        const expected = new Set<GraphEdgeKind>();
        for (const route of routesOf(workflow)) {
            if (route.kind === 'then') expected.add('flow');
            else if (route.kind === 'when' || route.kind === 'otherwise') expected.add('branch');
            else if (route.event === 'timeout') expected.add('timeout');
            else if (FAILURES.has(route.event)) expected.add('fallback');
            else expected.add('action');
        }
        const rules = workflow.steps.some((step) => (step.kind === 'gate' || step.kind === 'queue') && step.escalations.length > 0);
        if (rules || escalations.some((escalation) => escalation.levels.length > 1)) expected.add('escalation');
        expect(new Set(graph.edges.map((edge) => edge.kind))).toEqual(expected);
    });

    test('every edge joins two of its nodes', () => {
        const ids = new Set(graph.nodes.map((node) => node.id));
        expect(graph.edges.filter((edge) => !ids.has(edge.from) || !ids.has(edge.to))).toEqual([]);
    });

    test('decisions carry their risk grade; queues show their owner', () => {
        for (const step of workflow.steps) {
            const node = graph.nodes.find((candidate) => candidate.id === step.id)!;
            if (step.kind === 'decision') expect(node.risk).toBe(step.risk);
            if (step.kind === 'queue' && step.owner) expect(node.details).toContain(`owner ${step.owner}`);
        }
    });

    test('the layout places no node over another, inside the drawing', () => {
        const layout = layoutGraph(graph);
        const overlaps: string[] = [];
        for (const [i, a] of layout.nodes.entries()) {
            expect(a.x - a.width / 2).toBeGreaterThanOrEqual(0);
            expect(a.y + a.height / 2).toBeLessThanOrEqual(layout.height);
            for (const b of layout.nodes.slice(i + 1)) {
                if (Math.abs(a.x - b.x) < (a.width + b.width) / 2 && Math.abs(a.y - b.y) < (a.height + b.height) / 2) overlaps.push(`${a.id} × ${b.id}`);
            }
        }
        expect(overlaps).toEqual([]);
        expect(layout.edges.every((edge) => edge.points.length >= 2)).toBe(true);
    });
});

/** The XML parser's complaints about a document; empty when it is well-formed. */
function xmlErrors(xml: string): string[] {
    const errors: string[] = [];
    const parser = new Parser();
    parser.on('error', (error: Error) => errors.push(error.message));
    parser.on('warn', (warning: Error) => errors.push(warning.message));
    parser.parse(xml);
    return errors;
}

describe('the SVG', () => {
    test('is well-formed, names each node once, and is the same on every run', () => {
        for (const workflow of samples.workflows) {
            const layout = layoutGraph(workflowGraph(samples, workflow.id)!);
            const svg = renderGraphSvg(layout);
            expect(xmlErrors(svg)).toEqual([]);
            expect(svg.match(/<g class="node /g)).toHaveLength(layout.nodes.length);
            expect(svg.match(/<g class="edge /g)).toHaveLength(layout.edges.length);
            expect(renderGraphSvg(layoutGraph(workflowGraph(samples, workflow.id)!))).toBe(svg);
        }
    });

    test('escapes the text it shows', async () => {
        const model = await compileTexts({
            'w.hitl': 'workflow W "Refunds & <returns> \\"quoted\\"" {\n    automated step A "Check <amount> & \'region\'" {\n        then Done\n    }\n    outcome Done\n}\n',
        });
        const svg = renderGraphSvg(layoutGraph(workflowGraph(model, 'W')!));
        expect(xmlErrors(svg)).toEqual([]);
        expect(svg).toContain("Check &lt;amount&gt; &amp; 'region'");
        expect(svg).not.toContain('<amount>');
    });
});

describe('timeouts that settle an item without anyone acting', () => {
    test('a gate whose timeout approves gets a timeout edge along its approve route', async () => {
        const { model } = await compileFolder('test/fixtures/rules/oversight/gate-bypass/timeout-approves.hitl');
        const graph = workflowGraph(model, 'CreditLimit')!;
        // The fixture: Review has `on approve -> LimitDecision` and `on timeout approve`.
        expect(graph.edges.filter((edge) => edge.from === 'Review' && edge.kind === 'timeout').map((edge) => [edge.to, edge.label])).toEqual([['LimitDecision', 'timeout → approve']]);
    });
});

describe('findings on the graph', async () => {
    const { model } = await compileFolder('test/fixtures/rules/oversight/gate-bypass/failure-routes.hitl');
    const graph = workflowGraph(model, 'CreditLimit')!;

    test('a step with a finding on one of its routes carries it on its badge', () => {
        // The fixture marks `on error -> LimitDecision` in Review and `on unavailable -> ApplyLimit` in UnderwriterQueue.
        for (const id of ['Review', 'UnderwriterQueue']) {
            const node = graph.nodes.find((candidate) => candidate.id === id)!;
            expect(node.findings.codes).toContain('oversight/gate-bypass');
            expect(node.findings.errors + node.findings.warnings).toBeGreaterThan(0);
        }
        const svg = renderGraphSvg(layoutGraph(graph));
        expect(svg).toMatch(/<g class="node node-gate[^"]* has-(errors|warnings)[^"]*" data-id="Review">[\s\S]*?<g class="badges">/);
    });

    test('a path finding lists the steps of its path, each joined to the next by an edge', () => {
        const paths = graph.pathFindings.filter((finding) => finding.code === 'oversight/gate-bypass');
        expect(paths.length).toBeGreaterThan(0);
        for (const path of paths) {
            expect(path.steps[0]).toBe('Score');
            for (let i = 1; i < path.steps.length; i++) {
                expect(graph.edges.some((edge) => edge.from === path.steps[i - 1] && edge.to === path.steps[i])).toBe(true);
            }
        }
    });
});

test('an unknown workflow has no graph', () => {
    expect(workflowGraph(samples, 'NoSuchWorkflow')).toBeUndefined();
});
