import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
// @ts-expect-error: the benchmark's shapes are plain JavaScript
import { SHAPES } from '../../bench/shapes.mjs';
import { shownPositions } from '../../language/analysis/caps.js';
import { flowGraphOf, leadsTo, reachableFrom, type PathView } from '../../language/analysis/flow-graph.js';
import { aiStepsUpstreamOf } from '../../language/analysis/oversight.js';
import { isAiStep, isWorkflow, type AiStep, type Workflow } from '../../language/generated/ast.js';
import { bypassesByAiStep, type Bypass, type HoleSite } from '../../language/validation/rules/oversight/gate-bypass.js';
import { buildDocument } from '../services.js';

// `oversight/gate-bypass` searches downstream AI steps first and goes on with their results
// where a search meets one whose own search would find the same (gate-bypass.ts,
// `bypassesFrom`). That reuse must change nothing a finding says: here every workflow of the
// samples and the test fixtures, and chains of AI steps where the reuse does the work, are
// searched both ways and compared on all that a finding reads.

const ROOT = path.resolve(__dirname, '..', '..');

function hitlFiles(folder: string): string[] {
    return readdirSync(folder).flatMap((name) => {
        const file = path.join(folder, name);
        if (statSync(file).isDirectory()) return hitlFiles(file);
        return name.endsWith('.hitl') ? [file] : [];
    });
}

async function workflowsOf(text: string): Promise<Workflow[]> {
    const document = await buildDocument(text);
    return document.parseResult.value.elements.filter(isWorkflow);
}

/** The samples and test fixtures with an AI step (no search starts elsewhere), each parsed once for both suites. */
const FILES = [...hitlFiles(path.join(ROOT, 'samples')), ...hitlFiles(path.join(ROOT, 'test'))].filter((file) => readFileSync(file, 'utf8').includes('ai step'));
let parsed: Promise<Array<{ file: string; workflow: Workflow }>> | undefined;
function fixtureWorkflows() {
    parsed ??= (async () => {
        const all: Array<{ file: string; workflow: Workflow }> = [];
        for (const file of FILES) for (const workflow of await workflowsOf(readFileSync(file, 'utf8'))) all.push({ file: path.relative(ROOT, file), workflow });
        return all;
    })();
    return parsed;
}

/** What a finding reads of a path: its length and the edges it shows. */
function shown(edges: PathView): string[] {
    return [`${edges.length} edges`, ...shownPositions(edges.length).map((i) => (i === undefined ? '…' : `${edges.at(i)!.from.name} -${edges.at(i)!.label}-> ${edges.at(i)!.to.name}`))];
}

const site = (hole: HoleSite) => `${hole.kind} at ${hole.edge.from.name} -${hole.edge.label}-> ${hole.edge.to.name}`;

function described(bypass: Bypass) {
    return {
        edges: shown(bypass.edges),
        targets: bypass.targets.map((step) => step.name),
        alsoReached: bypass.alsoReached.map((step) => step.name),
        holes: { count: bypass.holes.count, first: bypass.holes.first.map(site), related: bypass.holes.related.map(site), reviewsOther: bypass.holes.reviewsOther },
    };
}

function bothWays(workflow: Workflow) {
    const describe = (results: Map<AiStep, Bypass[]>) => [...results].map(([aiStep, bypasses]): [string, Array<ReturnType<typeof described>>] => [aiStep.name, bypasses.map(described)]);
    return { reused: describe(bypassesByAiStep(workflow)), alone: describe(bypassesByAiStep(workflow, false)) };
}

const chain = (shape: string, units: number) => SHAPES[shape](units) as string;

describe('gate-bypass: reusing a downstream AI step’s search changes no finding', () => {
    test(`every workflow of the samples and the test fixtures with AI steps (${FILES.length} files)`, async () => {
        let compared = 0;
        for (const { file, workflow } of await fixtureWorkflows()) {
            const { reused, alone } = bothWays(workflow);
            expect(reused, `${file}: workflow ${workflow.name}`).toEqual(alone);
            compared += alone.length;
        }
        expect(compared).toBeGreaterThan(100);
    }, 120_000);

    test.each([
        ['ai-chain', 40],
        ['reviewed-ai-chain', 40],
    ])('a %s of %i AI steps, where each search reuses the next one’s', async (shape, units) => {
        const [workflow] = await workflowsOf(chain(shape, units));
        const { reused, alone } = bothWays(workflow);
        expect(reused).toEqual(alone);
        expect(alone.flatMap(([, bypasses]) => bypasses).length).toBeGreaterThan(0);
    });

    test('a loop of AI steps', async () => {
        const text = chain('ai-chain', 8).replace('        then A6\n', '        on unavailable -> A2\n        then A6\n');
        const [workflow] = await workflowsOf(text);
        const { reused, alone } = bothWays(workflow);
        expect(reused).toEqual(alone);
    });

    test('a chain of AI steps with a queue, a fail-open gate and an unprotected decision between', async () => {
        // Branches into earlier steps' dead ends, a queue that checks every output, and a gate that
        // times out to approve: searches stop, restart and pass governed states along the chain.
        const text = chain('ai-chain', 12)
            .replace('then A4\n', 'then Q4\n')
            .replace('    ai step A4 ', `    manual queue Q4 {\n        owner Reviewer\n        sla 1d\n        raci {\n            responsible Reviewer\n            accountable Head\n        }\n        then A4\n        on timeout -> A4\n    }\n\n    ai step A4 `)
            .replace('then A8\n', 'then Low\n')
            .replace('    ai step A8 ', `    decision Low {\n        kind operational\n        decided by Reviewer\n        risk low\n        raci {\n            responsible Head\n            accountable Head\n        }\n        then A8\n    }\n\n    ai step A8 `);
        const [workflow] = await workflowsOf(text);
        expect(workflow.steps.some((step) => step.name === 'Q4')).toBe(true);
        const { reused, alone } = bothWays(workflow);
        expect(reused).toEqual(alone);
    });
});

describe('upstream AI steps and reachability answer as a walk from every AI step does', () => {
    test('on every workflow of the samples and the test fixtures with AI steps', async () => {
        for (const { file, workflow } of await fixtureWorkflows()) {
            const graph = flowGraphOf(workflow);
            const aiSteps = workflow.steps.filter(isAiStep);
            const reaches = new Map(aiSteps.map((aiStep) => [aiStep, reachableFrom(graph, aiStep)]));
            for (const step of workflow.steps) {
                const where = `${file}: ${workflow.name}.${step.name}`;
                expect(aiStepsUpstreamOf(step).map((s) => s.name), where).toEqual(aiSteps.filter((ai) => ai !== step && reaches.get(ai)!.has(step)).map((s) => s.name));
                for (const aiStep of aiSteps) expect(leadsTo(graph, aiStep, step), `${where} from ${aiStep.name}`).toBe(reaches.get(aiStep)!.has(step));
            }
        }
    }, 120_000);
});
