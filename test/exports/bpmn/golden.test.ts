// The BPMN export of every sample, committed under test/golden/export/bpmn/<sample>.bpmn: the
// test fails on any drift. After an intended change, regenerate them and review the diff:
//
//     HITL_UPDATE_GOLDEN=1 npx vitest run test/exports/bpmn/golden.test.ts
//
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { exportBpmn } from '../../../language/exports/bpmn/index.js';
import { REPO } from '../../compile/workspace.js';
import { exportedSamples } from './samples.js';

const GOLDEN = path.join(REPO, 'test/golden/export/bpmn');
const UPDATE = process.env.HITL_UPDATE_GOLDEN === '1';

describe('golden BPMN of the samples', async () => {
    const { model, samples } = await exportedSamples();

    test.each(samples.map((s) => [s.sample, s] as const))('%s: the export matches its golden file, byte for byte, and again on a second export', (sample, { workflow, xml }) => {
        const file = path.join(GOLDEN, `${sample}.bpmn`);
        if (UPDATE) {
            mkdirSync(GOLDEN, { recursive: true });
            writeFileSync(file, xml);
        }
        expect(xml).toBe(readFileSync(file, 'utf8'));
        expect(exportBpmn(model, workflow)).toBe(xml);
    });

    test('an unknown workflow is refused with its name', () => {
        expect(() => exportBpmn(model, 'NoSuchWorkflow')).toThrow("No workflow named 'NoSuchWorkflow' to export.");
    });
});
