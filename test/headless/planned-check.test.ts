import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, describe, expect, it } from 'vitest';
import { collectHitlFiles } from '../../language/headless/workspace-check.js';
import { REPO } from '../compile/workspace.js';
import { crossFileWorkspace } from './cross-file-workspace.js';
import { plannedWorkspace } from './planned.js';

// A file checked alone, loading only what its plan says, gets exactly the findings the check of
// the whole workspace gives it.
describe('a planned check of one file', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'hitl-planned-'));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('equals the whole check for every file of a workspace whose findings cross files in every way', async () => {
        const files = Object.entries(crossFileWorkspace(6)).map(([name, text]) => {
            writeFileSync(path.join(folder, name), text);
            return URI.file(path.join(folder, name));
        });
        const workspace = await plannedWorkspace(files);
        const codes = [...workspace.whole.values()].flatMap((file) => file.findings.map((finding) => `${path.basename(file.path)} ${finding.code}`));
        // The cross-file findings are there to be matched (see cross-file-workspace.ts).
        expect(codes).toEqual(
            expect.arrayContaining([
                'escalation-last.hitl escalation/fail-closed',
                'datasets.hitl data/dataset-declared',
                'models.hitl audit/pinned-versions',
                'lending.hitl structure/duplicate-name',
                'audit-right.hitl structure/duplicate-name',
                'typos.hitl reference/unresolved',
                'workflow-003.hitl reference/unresolved',
            ]),
        );
        for (const uri of files) {
            const { results } = await workspace.checkOnly([uri.toString()]);
            expect(results).toHaveLength(1);
            expect(results[0]).toEqual(workspace.whole.get(results[0].path));
        }
    });

    // The rule fixtures: every rule firing, syntax errors, names declared in many files, typos.
    it('equals the whole check for every file of the fixture corpus', { timeout: 600_000 }, async () => {
        const files = await collectHitlFiles(NodeFileSystem.fileSystemProvider(), [{ given: 'test/fixtures', uri: URI.file(path.join(REPO, 'test/fixtures')) }]);
        expect(files.length).toBeGreaterThan(300);
        const workspace = await plannedWorkspace(files);
        for (const uri of files) {
            const { results } = await workspace.checkOnly([uri.toString()]);
            expect(results).toHaveLength(1);
            expect(results[0]).toEqual(workspace.whole.get(results[0].path));
        }
    });
});
