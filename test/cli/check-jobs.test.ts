import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { crossFileWorkspace } from '../headless/cross-file-workspace.js';
import { hitl } from './cli.js';

// `hitl check --jobs N` shares the files among worker threads, each loading only what its files'
// findings read (language/headless/check-plan.ts): the output must be that of one thread, byte
// for byte, whatever the number of workers.

const temporary = mkdtempSync(path.join(os.tmpdir(), 'hitl-jobs-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

const crossFiles = path.join(temporary, 'cross-files');
mkdirSync(crossFiles);
for (const [name, text] of Object.entries(crossFileWorkspace(30))) {
    writeFileSync(path.join(crossFiles, name), text);
}

describe.each([
    ['the samples', 'samples'],
    ['a workspace whose findings cross files in every way', crossFiles],
    // 333 files, thousands of findings, names declared in many files, syntax errors.
    ['the rule fixtures', 'test/fixtures'],
])('on %s', (_name, folder) => {
    test('the output is that of one thread in every format, with the same exit code', { timeout: 180_000 }, () => {
        const one = Object.fromEntries(['text', 'json', 'sarif'].map((format) => [format, hitl(['check', folder, '--no-cache', '--jobs', '1', '--format', format])]));
        expect(one.json.code).toBe(folder === 'samples' ? 0 : 1);
        for (const format of ['text', 'json', 'sarif']) {
            const two = hitl(['check', folder, '--no-cache', '--jobs', '2', '--format', format]);
            expect(two.stderr).toBe('');
            expect({ code: two.code, stdout: two.stdout }).toEqual({ code: one[format].code, stdout: one[format].stdout });
        }
        const three = hitl(['check', folder, '--no-cache', '--jobs', '3', '--format', 'json']);
        expect({ code: three.code, stdout: three.stdout }).toEqual({ code: one.json.code, stdout: one.json.stdout });
    });
});

describe('workers and the cache', () => {
    test('a check on workers fills the cache: the next run reuses it, and a run on one thread after an edit finds the findings of the files the edit does not concern', () => {
        const folder = path.join(temporary, 'cached');
        mkdirSync(folder);
        for (const [name, text] of Object.entries(crossFileWorkspace(6))) writeFileSync(path.join(folder, name), text);
        const env = { HITL_CACHE_DIR: path.join(temporary, 'cache') };
        const cold = hitl(['check', folder, '--jobs', '2', '--format', 'json'], { env });
        expect(cold.stdout).toBe(hitl(['check', folder, '--no-cache', '--format', 'json']).stdout);
        expect(hitl(['check', folder, '--jobs', '2', '--format', 'json'], { env }).stdout).toBe(cold.stdout);

        // The escalation stops approving on timeout: its finding goes, and no other file's changes.
        writeFileSync(path.join(folder, 'escalation-last.hitl'), crossFileWorkspace(6)['escalation-last.hitl'].replaceAll('on timeout approve', 'on timeout deny'));
        const stored = storedKeys(env.HITL_CACHE_DIR);
        const warm = hitl(['check', folder, '--jobs', '1', '--format', 'json'], { env });
        expect(warm.stdout).toBe(hitl(['check', folder, '--no-cache', '--format', 'json']).stdout);
        expect(warm.stdout).not.toBe(cold.stdout);
        // The files whose findings do not read the escalation's file are found under the keys the
        // workers stored them with: the six workflows, the organisation, the AI actor, the two
        // auditors, the typos and the names they suggest. The other six read it (their plans).
        const reused = storedKeys(env.HITL_CACHE_DIR).filter((key) => stored.includes(key));
        expect(reused).toHaveLength(12);
    });
});

/** The keys of the per-file entries in the one cache file of the folder (cli/check-cache.ts: its second line holds them). */
function storedKeys(folder: string): string[] {
    const [file] = readdirSync(folder);
    const entries = readFileSync(path.join(folder, file), 'utf8').split('\n')[1];
    return Object.keys((JSON.parse(entries) as { files: Record<string, unknown> }).files);
}

describe('a worker that fails', () => {
    test('running out of memory fails the check with a clear message, exit code 2 and no output', () => {
        // HITL_TEST_CHECK_WORKER_HEAP_MB caps each worker's heap (cli/workspace.ts).
        const run = hitl(['check', 'samples', '--no-cache', '--jobs', '2', '--format', 'json'], { env: { HITL_TEST_CHECK_WORKER_HEAP_MB: '4' } });
        expect(run).toEqual({ code: 2, stdout: '', stderr: 'hitl: a check worker ran out of memory; check with fewer --jobs or give Node more memory\n' });
    });

    test('--jobs takes a whole number of 1 or more', () => {
        expect(hitl(['check', 'samples', '--jobs', '0'])).toMatchObject({ code: 2, stdout: '', stderr: "hitl: --jobs takes a whole number of 1 or more, not '0'\n" });
    });
});
