import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { AI_FAILURE_ERRORS, ENDING_ERRORS, exportAsl, placeholdersOf } from '../../language/exports/asl/index.js';
import { compileFolder, REPO } from '../compile/workspace.js';

/** docs/export.md: the error names and placeholders it documents are the ones the ASL export uses. */

const DOC = readFileSync(path.join(REPO, 'docs', 'export.md'), 'utf8');

describe('docs/export.md', () => {
    test('names every error the ASL export catches or ends a case with', () => {
        for (const name of [...Object.values(AI_FAILURE_ERRORS).flat(), ...Object.values(ENDING_ERRORS)]) expect(DOC, name).toContain(`\`${name}\``);
    });

    test('documents every kind of placeholder the samples\' definitions use', async () => {
        const { model } = await compileFolder('samples');
        const kinds = new Set(model.workflows.flatMap((workflow) => placeholdersOf(exportAsl(model, workflow.id))).map((name) => name.split('_')[0]));
        expect([...kinds].sort()).toEqual(['AiFunctionArn', 'EffectFunctionArn', 'ReviewQueueUrl', 'StepFunctionArn']);
        for (const kind of kinds) expect(DOC, kind).toContain(`\${${kind}_<`);
    });
});
