import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { compileSide, openSide } from '../../cli/diff-sides.js';
import { diffModels } from '../../language/diff/diff-models.js';
import { diffFindings } from '../../language/diff/formats/findings.js';
import { changeCatalogue } from '../../language/diff/kinds.js';
import { MemoryFileSystemProvider } from '../../language/headless/memory-file-system.js';
import type { HitlModel } from '../../language/model/schema.js';
import { TODAY } from '../compile/workspace.js';
import { expectationsOf } from '../rules/fixtures.js';

/**
 * Diff fixtures, one folder per change kind in test/fixtures/changes/<kind>/: `head.hitl` and
 * `quiet.hitl` are each compared with the shared `base.hitl`. A comment `// $TEST$ change/<kind>`
 * says the next line carries that finding (on HEAD's side); `// $TEST$ no change/<kind>` that it does not.
 */
const ROOT = path.resolve(import.meta.dirname, '../fixtures/changes');
const kinds = readdirSync(ROOT, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

async function compile(text: string): Promise<HitlModel> {
    const side = { label: 'fixture', fileSystem: new MemoryFileSystemProvider(new Map([['/fixture/workflow.hitl', new TextEncoder().encode(text)]])), root: '/fixture' };
    return compileSide(await openSide(side), () => TODAY);
}

let base: HitlModel;
beforeAll(async () => {
    base = await compile(readFileSync(path.join(ROOT, 'base.hitl'), 'utf8'));
});

describe('change fixtures', () => {
    test.each(kinds.flatMap((kind) => ['head.hitl', 'quiet.hitl'].map((file) => [`${kind}/${file}`, kind, file] as const)))('%s', async (_name, kind, file) => {
        const fixture = path.join(ROOT, kind, file);
        const findings = diffFindings(diffModels(base, await compile(readFileSync(fixture, 'utf8')))).files.flatMap((f) => f.findings);
        const expectations = expectationsOf(fixture);
        expect(expectations.length, `a // $TEST$ marker in ${kind}/${file}`).toBeGreaterThan(0);
        const code = `change/${kind}`;
        for (const expectation of expectations) {
            const hits = findings.filter((f) => f.code === expectation.code && f.region.start.line === expectation.line);
            if (expectation.present) expect(hits.map((f) => f.code), `${code} at line ${expectation.line}; got ${JSON.stringify(findings.map((f) => `${f.region.start.line} ${f.code}`))}`).toContain(code);
            else expect(hits).toEqual([]);
        }
        // Nowhere else: the kind under test fires only where a marker expects it.
        const expected = new Set(expectations.filter((e) => e.present).map((e) => e.line));
        expect(findings.filter((f) => f.code === code && !expected.has(f.region.start.line)).map((f) => `${f.region.start.line} ${f.message}`)).toEqual([]);
    });

    test('every change kind has a firing and a quiet fixture', () => {
        expect(kinds).toEqual(changeCatalogue.map((entry) => entry.code.slice('change/'.length)).sort());
        for (const kind of kinds) {
            expect(expectationsOf(path.join(ROOT, kind, 'head.hitl')).some((e) => e.present && e.code === `change/${kind}`), kind).toBe(true);
            expect(expectationsOf(path.join(ROOT, kind, 'quiet.hitl')).every((e) => !e.present), kind).toBe(true);
        }
    });
});
