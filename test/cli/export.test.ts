import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hitl, REPO } from './cli.js';

// `hitl export` as a deployment pipeline runs it. What each exporter writes is held by its golden
// files (test/golden/export/<target>/); these tests assert that the command writes exactly those
// bytes, one file per workflow, and refuses as compile does.

let work: string;

beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'hitl-export-'));
});

afterAll(() => {
    rmSync(work, { recursive: true, force: true });
});

/** The text of every golden file of a target, whatever the folders they sit in. */
function goldenTexts(target: string): string[] {
    const root = path.join(REPO, 'test', 'golden', 'export', target);
    return readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
}

const WORKFLOWS = ['ContentModeration', 'CreditLimitIncrease', 'CustomerRefunds', 'CvScreening', 'EdTriageSupport', 'MotorClaimsTriage'];

describe('hitl export', () => {
    test.each([
        ['bpmn', '.bpmn'],
        ['asl', '.asl.json'],
        ['mermaid', '.mmd'],
    ])('--target %s writes one file per workflow with the golden bytes, and a manifest', (target, extension) => {
        const out = path.join(work, target);
        const result = hitl(['export', '--target', target, 'samples', '--out', out]);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout).toBe(`Exported (${target}) 6 workflows into ${out}: 7 files\n`);
        expect(readdirSync(out).sort()).toEqual([...WORKFLOWS.map((workflow) => `${workflow}${extension}`), 'manifest.json'].sort());
        const golden = goldenTexts(target);
        for (const workflow of WORKFLOWS) expect(golden, `${workflow}${extension} is one of the golden files`).toContain(readFileSync(path.join(out, `${workflow}${extension}`), 'utf8'));
        const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
        expect(manifest.format).toBe(target);
        expect(manifest.outputs.map((output: { path: string }) => output.path)).toEqual(WORKFLOWS.map((workflow) => `${workflow}${extension}`).sort());
        // Again into the same folder: the same bytes.
        const before = readFileSync(path.join(out, 'manifest.json'), 'utf8');
        expect(hitl(['export', '--target', target, 'samples', '--out', out]).code).toBe(0);
        expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe(before);
    });

    test('refuses a workspace with errors and writes nothing; asks for a target it knows', () => {
        const dir = path.join(work, 'broken');
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, 'broken.hitl'), 'workflow Broken {\n    sla 0h\n}\n');
        const refused = hitl(['export', '--target', 'bpmn', '.', '--out', 'out'], { cwd: dir });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('hitl: export refused: the workspace has errors; nothing written to out');
        expect(existsSync(path.join(dir, 'out'))).toBe(false);

        expect(hitl(['export', 'samples', '--out', path.join(work, 'x')]).stderr).toContain('export needs --target bpmn|asl|mermaid');
        const unknown = hitl(['export', '--target', 'dot', 'samples', '--out', path.join(work, 'x')]);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("unknown export target 'dot'; use bpmn, asl, mermaid");
        expect(hitl(['export', '--target', 'bpmn', '--format', 'json', 'samples', '--out', path.join(work, 'x')]).stderr).toContain("--format is for 'hitl compile'");
    });
});
