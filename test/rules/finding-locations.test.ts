import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildWorkspace } from '../services.js';

/**
 * A finding lands on the text that causes it, so that a pull request's annotations sit on
 * the changed line; the elements it affects are related locations.
 */
const ORGANISATION = readFileSync('samples/organisation.hitl', 'utf8');
const CREDIT = readFileSync('samples/credit-limit-increase.hitl', 'utf8');

describe('findings on the offending text', () => {
    test('a model version set to "latest" is reported on that version, with the AI step that uses it as related', async () => {
        const text = CREDIT.replace('version "4.2.1"', 'version "latest"');
        const versionLine = text.split('\n').findIndex((line) => line.includes('version "latest"'));
        expect(versionLine).toBe(37);
        const [document] = await buildWorkspace({ 'credit-limit-increase.hitl': text, 'organisation.hitl': ORGANISATION });
        const findings = (document.diagnostics ?? []).filter((d) => d.code === 'audit/pinned-versions');
        expect(findings).toHaveLength(1);
        const [finding] = findings;
        expect(finding.range.start.line).toBe(versionLine);
        expect(text.split('\n')[versionLine].slice(finding.range.start.character, finding.range.end.character)).toBe('"latest"');
        expect(finding.message).toContain('"latest"');
        // No made-up version is presented as if it were the model's.
        expect(finding.message).not.toMatch(/"4\.2\.1"|"2\.0\.0"/);
        const scoreLine = text.split('\n').findIndex((line) => /ai step Score\b/.test(line));
        expect(finding.relatedInformation?.map((r) => r.location.range.start.line)).toContain(scoreLine);
    });

    test('a model used by steps in another file is reported once, in the model\'s file', async () => {
        const models = 'model Drafter {\n    version "latest"\n}\nai actor Writer {\n    model Drafter\n}\n';
        const workflow = 'workflow Letters {\n    ai step Draft {\n        actor Writer\n        then Done\n    }\n    ai step Redraft {\n        model Drafter\n        then Done\n    }\n    outcome Done\n}\n';
        const [modelFile, workflowFile] = await buildWorkspace({ 'models.hitl': models, 'letters.hitl': workflow });
        const inModels = (modelFile.diagnostics ?? []).filter((d) => d.code === 'audit/pinned-versions');
        expect(inModels.map((d) => d.range.start.line)).toEqual([1]);
        expect(inModels[0].relatedInformation?.map((r) => r.location.uri.endsWith('letters.hitl'))).toEqual([true, true]);
        expect((workflowFile.diagnostics ?? []).filter((d) => d.code === 'audit/pinned-versions')).toEqual([]);
    });

    test('a dataset that declares no version is reported on the dataset, with the AI steps that read it as related', async () => {
        const data = 'dataset Applications {\n    checks "schema"\n    field income\n}\n';
        const workflow = 'workflow Scoring {\n    ai step Score {\n        input Applications\n        then Done\n    }\n    outcome Done\n}\n';
        const [dataFile, workflowFile] = await buildWorkspace({ 'data.hitl': data, 'scoring.hitl': workflow });
        const inData = (dataFile.diagnostics ?? []).filter((d) => d.code === 'data/dataset-declared');
        expect(inData.map((d) => d.range.start.line)).toEqual([0]);
        expect(inData[0].message).toContain('version');
        expect(inData[0].relatedInformation?.map((r) => [r.location.uri.endsWith('scoring.hitl'), r.location.range.start.line])).toEqual([[true, 1]]);
        expect((workflowFile.diagnostics ?? []).filter((d) => d.code === 'data/dataset-declared')).toEqual([]);
    });
});
