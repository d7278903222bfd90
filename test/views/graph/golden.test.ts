// Golden files: the graph view's SVG for every sample workflow, under test/golden/graph/. The test
// fails on any drift in the graph, its layout or its drawing. After an intended change,
// regenerate them, look at the pictures and review the diff:
//
//     HITL_UPDATE_GOLDEN=1 npx vitest run test/views/graph/golden.test.ts
//
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { layoutGraph, renderGraphSvg, workflowGraph } from '../../../language/views/graph/index.js';
import { compileFolder, REPO } from '../../compile/workspace.js';

const GOLDEN = path.join(REPO, 'test/golden/graph');
const UPDATE = process.env.HITL_UPDATE_GOLDEN === '1';

describe('golden SVG of the graph view', async () => {
    const { model } = await compileFolder('samples');
    const expected = new Map(
        model.workflows.map((workflow) => [`${path.basename(workflow.source.file, '.hitl')}.${workflow.id}.svg`, renderGraphSvg(layoutGraph(workflowGraph(model, workflow.id)!))]),
    );

    if (UPDATE) {
        rmSync(GOLDEN, { recursive: true, force: true });
        mkdirSync(GOLDEN, { recursive: true });
        for (const [file, content] of expected) writeFileSync(path.join(GOLDEN, file), content);
    }

    test('every sample workflow has its golden SVG, and there are no others', () => {
        expect(readdirSync(GOLDEN).sort()).toEqual([...expected.keys()].sort());
    });

    test.each([...expected.keys()].sort())('%s matches its golden file (update: HITL_UPDATE_GOLDEN=1 npx vitest run test/views/graph/golden.test.ts)', (file) => {
        expect(expected.get(file)).toBe(readFileSync(path.join(GOLDEN, file), 'utf8'));
    });
});
