// Golden files: what compile writes for every sample, under test/golden/compile/<sample>/, and
// the shared schemas under test/golden/compile/. The test fails on any drift. After an intended
// change, regenerate them and review the diff:
//
//     HITL_UPDATE_GOLDEN=1 npx vitest run test/compile/golden.test.ts
//
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { generateDeployment, jsonText } from '../../language/generators/index.js';
import { modelJsonSchema } from '../../language/model/index.js';
import { compileFolder, REPO } from './workspace.js';

const GOLDEN = path.join(REPO, 'test/golden/compile');
const UPDATE = process.env.HITL_UPDATE_GOLDEN === '1';

/** Golden path → content: each workflow's files in the folder of the sample that declares it. */
async function expectedFiles(): Promise<Map<string, string>> {
    const { model } = await compileFolder('samples');
    const sampleOf = new Map(model.workflows.map((workflow) => [workflow.id, path.basename(workflow.source.file, '.hitl')]));
    const files = new Map<string, string>([['model.schema.json', jsonText(modelJsonSchema())]]);
    for (const file of generateDeployment(model, { format: 'yaml' })) {
        const workflow = file.path.split('.')[0];
        const sample = sampleOf.get(workflow);
        files.set(sample ? `${sample}/${file.path}` : file.path, file.content);
    }
    return files;
}

function goldenFiles(folder = GOLDEN, prefix = ''): string[] {
    let entries;
    try {
        entries = readdirSync(folder, { withFileTypes: true });
    } catch {
        return [];
    }
    return entries.flatMap((entry) => (entry.isDirectory() ? goldenFiles(path.join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]));
}

describe('golden files of compile', async () => {
    const expected = await expectedFiles();

    if (UPDATE) {
        rmSync(GOLDEN, { recursive: true, force: true });
        for (const [file, content] of expected) {
            mkdirSync(path.dirname(path.join(GOLDEN, file)), { recursive: true });
            writeFileSync(path.join(GOLDEN, file), content);
        }
    }

    test('every sample workflow has its golden files, and there are no others', () => {
        expect(goldenFiles().sort()).toEqual([...expected.keys()].sort());
    });

    test.each([...expected.keys()].sort())('%s matches its golden file (update: HITL_UPDATE_GOLDEN=1 npx vitest run test/compile/golden.test.ts)', (file) => {
        expect(expected.get(file)).toBe(readFileSync(path.join(GOLDEN, file), 'utf8'));
    });
});
