// The route table of every sample, committed as a reviewed golden file test/golden/routes/<sample>.json:
// each scenario (the default route, then one factor at a time) and the outcome the reference walk
// reaches. After an intended change, regenerate and review the diff:
//
//     HITL_UPDATE_GOLDEN=1 npx vitest run test/exports/route-table.test.ts
//
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { routeScenarios } from '../../language/exports/route-table.js';
import { compileFolder, compileTexts, REPO } from '../compile/workspace.js';

const GOLDEN = path.join(REPO, 'test/golden/routes');
const UPDATE = process.env.HITL_UPDATE_GOLDEN === '1';

describe('route tables of the samples', async () => {
    const { model } = await compileFolder('samples');

    test.each(model.workflows.map((workflow) => [path.basename(workflow.source.file, '.hitl'), workflow.id]))('%s: the route table matches its reviewed golden file', (sample, workflow) => {
        const text = `${JSON.stringify({ workflow, scenarios: routeScenarios(model, workflow) }, null, 2)}\n`;
        const file = path.join(GOLDEN, `${sample}.json`);
        if (UPDATE) {
            mkdirSync(GOLDEN, { recursive: true });
            writeFileSync(file, text);
        }
        expect(text).toBe(readFileSync(file, 'utf8'));
    });

    test('every step a route reaches is on some scenario, and names are unique', () => {
        for (const workflow of model.workflows) {
            const scenarios = routeScenarios(model, workflow.id);
            expect(new Set(scenarios.map((s) => s.name)).size).toBe(scenarios.length);
            const outcomes = new Set(scenarios.map((s) => s.expected));
            for (const step of workflow.steps) if (step.kind === 'outcome') expect(outcomes, `${workflow.id}: ${step.id}`).toContain(step.id);
        }
    });
});

describe('the reference walk on small workflows', () => {
    const people = `
role Reviewer { channel Inbox }
role Lead { channel Inbox }
role Head { channel Inbox }
channel Inbox { kind queue address "queue://inbox" }`;

    test('a timeout walks the chain level by level, then the final action; reject without a route ends the case as rejected', async () => {
        const model = await compileTexts({
            'a.hitl': `${people}
workflow W {
    start Review
    gate Review {
        reviewer Reviewer
        allows approve, reject
        sla 1h
        on approve -> Done
        on timeout escalate to Chain
    }
    outcome Done { result "done" }
    escalation Chain {
        to Lead via Inbox within 1h
        to Head via Inbox within 2h
        on timeout pause
    }
}`,
        });
        const table = Object.fromEntries(routeScenarios(model, 'W').map((s) => [s.name, s.expected]));
        expect(table).toEqual({
            'default route': 'Done',
            'Review reject': 'rejected',
            'Review times out, level 1 acts': 'Done',
            'Review times out, level 2 acts': 'Done',
            'Review times out, every level times out': 'paused',
        });
    });

    test('an AI failure without its own fallback takes the error fallback, or fails the case', async () => {
        const model = await compileTexts({
            'a.hitl': `${people}
workflow W {
    start Classify
    ai step Classify {
        confidence threshold 0.8
        on unavailable -> Manual
        on low-confidence -> Manual
        then Done
    }
    queue Manual { owner Reviewer then Done }
    outcome Done { result "done" }
}`,
        });
        const table = Object.fromEntries(routeScenarios(model, 'W').map((s) => [s.name, s.expected]));
        expect(table['Classify abnormal-output']).toBe('failed:abnormal-output');
        expect(table['Classify unavailable']).toBe('Done');
        expect(table['Classify low confidence']).toBe('Done');
    });
});
