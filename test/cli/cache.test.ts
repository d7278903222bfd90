import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { MAX_CACHE_FILES } from '../../cli/cache-files.js';
import { crossFileWorkspace } from '../headless/cross-file-workspace.js';
import { Random, randomEdit, sampleWorkspace } from '../lsp/random-edits.js';
import { hitl, jsonFindings, REPO, type Run } from './cli.js';

// The warm `hitl check` (cli/check-cache.ts): whatever changed between two runs, a run that uses
// the cache prints exactly what a run without it prints, in every format, with the same exit code.
// The workspace is a copy of the samples in a folder of its own with a node_modules folder, so
// the cache sits where it does in a project: <workspace>/node_modules/.cache/hitl.

// Each test runs the built CLI several times, on two cores shared with other work.
vi.setConfig({ testTimeout: 240_000 });

const temporary = mkdtempSync(path.join(os.tmpdir(), 'hitl-cache-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

function workspace(name: string): string {
    const root = path.join(temporary, name);
    mkdirSync(path.join(root, 'node_modules'), { recursive: true });
    for (const file of readdirSync(path.join(REPO, 'samples')).filter((f) => f.endsWith('.hitl'))) {
        writeFileSync(path.join(root, file), readFileSync(path.join(REPO, 'samples', file)));
    }
    return root;
}

/** Unset, so that the cache goes where it goes in a project (test/cli/cli.ts sets it for the other tests). */
const DEFAULT_PLACE = { HITL_CACHE_DIR: undefined };
const cacheFolderOf = (root: string) => path.join(root, 'node_modules', '.cache', 'hitl');

/** A run with the cache and one without, on the same files: the first is returned once both agree. */
function warmEqualsCold(root: string, args: readonly string[] = []): Run {
    const warm = hitl(['check', '.', ...args], { cwd: root, env: DEFAULT_PLACE });
    const cold = hitl(['check', '.', '--no-cache', ...args], { cwd: root, env: DEFAULT_PLACE });
    expect(warm.stderr).toBe(cold.stderr);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(cold.code);
    return warm;
}

const codes = (run: Run) => jsonFindings(run.stdout).map((f) => `${f.path} ${f.code}`);

function edit(file: string, from: string | RegExp, to: string): void {
    const text = readFileSync(file, 'utf8');
    const changed = text.replace(from, to);
    if (changed === text) throw new Error(`${file} has no ${String(from)}`);
    writeFileSync(file, changed);
}

// Each test starts from the workspace and the cache that the test before it left.
describe('hitl check with its cache gives what a check without it gives', () => {
    const root = workspace('steps');

    test('a first run fills the cache; a second, with nothing changed, answers the same in every format', () => {
        const first = warmEqualsCold(root, ['--format', 'json']);
        expect(first.code).toBe(0);
        expect(readdirSync(cacheFolderOf(root)).filter((f) => f.endsWith('.json'))).toHaveLength(1);
        for (const format of ['json', 'sarif', 'text']) warmEqualsCold(root, ['--format', format]);
    });

    test("one file's body changed: its new finding, and nothing stale, in every format", () => {
        edit(path.join(root, 'credit-limit-increase.hitl'), /^(\s*sla )2d$/m, '$10d');
        for (const format of ['sarif', 'text']) warmEqualsCold(root, ['--format', format]);
        const run = warmEqualsCold(root, ['--format', 'json']);
        expect(run.code).toBe(1);
        expect(codes(run)).toContain('credit-limit-increase.hitl values/non-positive-duration');
    });

    test('a declaration another file reads changed its body: the findings of the files that read it change', () => {
        const organisation = path.join(root, 'organisation.hitl');
        const original = readFileSync(organisation, 'utf8');
        edit(organisation, /(role ChiefRiskOfficer[^}]*authority )5/, '$11');
        const run = warmEqualsCold(root, ['--format', 'json']);
        expect(codes(run)).toContain('credit-limit-increase.hitl escalation/higher-authority');
        writeFileSync(organisation, original);
        expect(codes(warmEqualsCold(root, ['--format', 'json']))).not.toContain('credit-limit-increase.hitl escalation/higher-authority');
    });

    test("a declaration renamed: the files that use it get their findings, the file's own stay", () => {
        edit(path.join(root, 'organisation.hitl'), 'role AppealsOfficer ', 'role AppealsOfficerRenamed ');
        const run = warmEqualsCold(root, ['--format', 'json']);
        const dependents = jsonFindings(run.stdout).filter((f) => f.message.includes('AppealsOfficer') && f.path !== 'organisation.hitl');
        expect(dependents.length).toBeGreaterThan(0);
        expect(codes(run)).toContain('credit-limit-increase.hitl values/non-positive-duration');
        warmEqualsCold(root, ['--format', 'sarif']);
    });

    test('a file deleted, then a file added that declares a name twice', () => {
        rmSync(path.join(root, 'content-moderation.hitl'));
        const afterDelete = warmEqualsCold(root, ['--format', 'json']);
        expect(codes(afterDelete).some((c) => c.startsWith('content-moderation.hitl'))).toBe(false);
        writeFileSync(path.join(root, 'a-duplicate.hitl'), 'role FairnessAnalyst "Fairness analyst" {\n    channel OversightQueue\n}\n');
        const afterAdd = warmEqualsCold(root, ['--format', 'json']);
        expect(codes(afterAdd)).toContain('organisation.hitl structure/duplicate-name');
    });

    test('the configuration changed: severities follow it', () => {
        writeFileSync(path.join(root, 'hitl.config.yaml'), 'rules:\n  values/non-positive-duration: warning\n');
        const run = warmEqualsCold(root, ['--format', 'json']);
        expect(jsonFindings(run.stdout).find((f) => f.code === 'values/non-positive-duration')?.severity).toBe('warning');
        rmSync(path.join(root, 'hitl.config.yaml'));
        const back = warmEqualsCold(root, ['--format', 'json']);
        expect(jsonFindings(back.stdout).find((f) => f.code === 'values/non-positive-duration')?.severity).toBe('error');
    });

    test('the date changed: expiry findings follow --today', () => {
        const before = warmEqualsCold(root, ['--format', 'json', '--today', '2027-01-01']);
        const after = warmEqualsCold(root, ['--format', 'json', '--today', '2027-06-01']);
        expect(codes(after).filter((c) => !codes(before).includes(c)).length).toBeGreaterThan(0);
    });

    test('an edit that keeps the size and the modification time is still seen', () => {
        const file = path.join(root, 'insurance-claims.hitl');
        const { mtime } = statSync(file);
        warmEqualsCold(root, ['--format', 'json']);
        edit(file, /^(\s*sla )(\d)d$/m, '$10d');
        utimesSync(file, mtime, mtime);
        const run = warmEqualsCold(root, ['--format', 'json']);
        expect(codes(run)).toContain('insurance-claims.hitl escalation/timeout-required');
    });

    test('a corrupt cache, or one written by another build of hitl, is ignored and rewritten', () => {
        const folder = cacheFolderOf(root);
        const [name] = readdirSync(folder).filter((f) => f.endsWith('.json'));
        const file = path.join(folder, name);
        const good = readFileSync(file, 'utf8');
        // A finding no check reports, planted in the stored result: it shows whether the file was used.
        // The file's lines: the entries' hash and JSON, the summaries' hash and JSON.
        const [, entries, ...summaries] = good.split('\n');
        const planted = (tool?: string) => {
            const stored = JSON.parse(entries);
            stored.whole.files[0].findings = [{ code: 'planted/finding', severity: 'error', message: 'planted', path: stored.whole.files[0].path, region: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, related: [] }];
            if (tool !== undefined) stored.tool = tool;
            const body = JSON.stringify(stored);
            return [createHash('sha256').update(body).digest('hex'), body, ...summaries].join('\n');
        };
        // The replay of the last run (test/cli/last-run.test.ts) would print the planted finding again without reading this file.
        const forgetLastRun = () => rmSync(path.join(folder, 'last-runs'), { recursive: true, force: true });
        writeFileSync(file, planted());
        forgetLastRun();
        expect(hitl(['check', '.', '--format', 'json'], { cwd: root, env: DEFAULT_PLACE }).stdout).toContain('planted/finding');
        for (const corrupt of ['not a cache', good.slice(0, good.length / 2), good.replace('"findings"', '"findingz"'), '', planted('0.0.0 another build'), planted().replace('"planted"', '"plantex"')]) {
            writeFileSync(file, corrupt);
            forgetLastRun();
            expect(warmEqualsCold(root, ['--format', 'json']).stdout).not.toContain('planted/finding');
            expect(readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}\n\{/);
        }
    });
});

/** A workspace of the given files (names → text) in a folder of its own. */
function writtenWorkspace(name: string, files: Readonly<Record<string, string>>): string {
    const root = path.join(temporary, name);
    mkdirSync(path.join(root, 'node_modules'), { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, file), text);
    return root;
}

// Findings that read other files (test/headless/cross-file-workspace.ts), among enough unrelated
// workflows that a change checks only the files whose findings it can change, loading what their
// plans load; the other files' findings come from the cache.
describe('hitl check with its cache, when findings read other files', () => {
    const root = writtenWorkspace('cross-file', crossFileWorkspace(12));
    const file = (name: string) => path.join(root, name);

    test('a first run fills the cache; the cross-file findings are there', () => {
        const codes0 = codes(warmEqualsCold(root, ['--format', 'json']));
        expect(codes0).toEqual(expect.arrayContaining(['escalation-last.hitl escalation/fail-closed', 'datasets.hitl data/dataset-declared', 'lending.hitl structure/duplicate-name', 'typos.hitl reference/unresolved']));
    });

    test('a body edit of the file every other file depends on', () => {
        edit(file('org.hitl'), /(role Lead \{\s*authority )3/, '$15');
        warmEqualsCold(root, ['--format', 'json']);
        edit(file('org.hitl'), /(role Lead \{\s*authority )5/, '$13');
        warmEqualsCold(root, ['--format', 'sarif']);
    });

    test('an escalation used from another file, changed on the side of the escalation, then on the side of the gate using it', () => {
        edit(file('escalation-last.hitl'), /(escalation LastLine \{[^}]*on timeout )approve/, '$1deny');
        expect(codes(warmEqualsCold(root, ['--format', 'json']))).not.toContain('escalation-last.hitl escalation/fail-closed');
        edit(file('escalation-last.hitl'), /(escalation LastLine \{[^}]*on timeout )deny/, '$1approve');
        expect(codes(warmEqualsCold(root, ['--format', 'json']))).toContain('escalation-last.hitl escalation/fail-closed');
        edit(file('lending.hitl'), 'on timeout escalate to FirstLine', 'on timeout deny');
        expect(codes(warmEqualsCold(root, ['--format', 'json']))).not.toContain('escalation-last.hitl escalation/fail-closed');
        edit(file('lending.hitl'), 'on timeout deny', 'on timeout escalate to FirstLine');
        expect(codes(warmEqualsCold(root, ['--format', 'json']))).toContain('escalation-last.hitl escalation/fail-closed');
    });

    test('a dataset used from another file: the AI step reading it goes, then comes back', () => {
        edit(file('lending.hitl'), /\n\s*input Applications/, '');
        expect(codes(warmEqualsCold(root, ['--format', 'json']))).not.toContain('datasets.hitl data/dataset-declared');
        edit(file('lending.hitl'), 'model Scorer\n', 'model Scorer\n        input Applications\n');
        expect(codes(warmEqualsCold(root, ['--format', 'json']))).toContain('datasets.hitl data/dataset-declared');
    });

    test('a name declared again in a file that comes first: the file that did not change gets the finding', () => {
        expect(codes(warmEqualsCold(root, ['--format', 'json']))).not.toContain('org.hitl structure/duplicate-name');
        writeFileSync(file('escalation-first.hitl'), `${readFileSync(file('escalation-first.hitl'), 'utf8')}\nchannel Pager {\n    kind pager\n}\n`);
        expect(codes(warmEqualsCold(root, ['--format', 'json']))).toContain('org.hitl structure/duplicate-name');
    });

    test('a typo whose suggestion is declared in a file that did not change', () => {
        edit(file('typos.hitl'), 'reviewer Aprover', 'reviewer Approverz');
        const run = warmEqualsCold(root, ['--format', 'json']);
        expect(jsonFindings(run.stdout).some((f) => f.path === 'typos.hitl' && f.message.includes('Approverz') && f.message.includes('Approver'))).toBe(true);
        warmEqualsCold(root, ['--format', 'text']);
    });
});

// Random single-file edits (test/lsp/random-edits.ts: renames, duplicates, syntax errors, changed
// timeouts, deleted text...) of the samples together with the cross-file workspace; seeded, so a
// failure repeats.
describe('hitl check with its cache, after random edits', () => {
    test('each of 20 rounds of a random single-file edit gives what a check without the cache gives', () => {
        const random = new Random(20261201);
        const originals = new Map([...sampleWorkspace(), ...Object.entries(crossFileWorkspace(4))]);
        const files = new Map(originals);
        const root = writtenWorkspace('random', Object.fromEntries(files));
        warmEqualsCold(root);
        for (let round = 0; round < 20; round++) {
            const { name, text } = randomEdit(random, files, originals);
            files.set(name, text);
            writeFileSync(path.join(root, name), text);
            const run = warmEqualsCold(root, ['--format', 'json']);
            expect(run.code, `round ${round}: ${name}\n${run.stderr}`).toBeLessThan(2);
        }
    });
});

describe('--no-cache and the bounds of the cache', () => {
    test('--no-cache neither reads nor writes a cache', () => {
        const root = workspace('no-cache');
        expect(hitl(['check', '.', '--no-cache'], { cwd: root, env: DEFAULT_PLACE }).code).toBe(0);
        expect(existsSync(cacheFolderOf(root))).toBe(false);
    });

    test("a workspace's cache file keeps the last run's findings only, however often files change", () => {
        const root = workspace('growth');
        const file = path.join(root, 'hiring-screening.hitl');
        const original = readFileSync(file, 'utf8');
        const folder = cacheFolderOf(root);
        for (const sla of ['0d', '1d', '0h', '2d', '0m', '3d']) {
            writeFileSync(file, original.replace(/^(\s*sla )\S+$/m, `$1${sla}`));
            expect(hitl(['check', '.'], { cwd: root, env: DEFAULT_PLACE }).code).toBeLessThan(2);
            const names = readdirSync(folder).filter((f) => f.endsWith('.json'));
            expect(names).toHaveLength(1);
            const text = readFileSync(path.join(folder, names[0]), 'utf8');
            // One entry of findings per file of the workspace, whatever came before.
            expect(Object.keys(JSON.parse(text.split('\n')[1]).files)).toHaveLength(7);
            // Summaries of earlier contents are added to, then dropped once they would pass a fifth of the whole.
            expect(Object.keys(JSON.parse(text.split('\n')[3])).length).toBeLessThanOrEqual(7 + 7 / 4);
        }
    });

    test(`the cache folder keeps the ${MAX_CACHE_FILES} most recent workspaces (HITL_CACHE_DIR names it)`, () => {
        const shared = path.join(temporary, 'shared-cache');
        const organisation = readFileSync(path.join(REPO, 'samples', 'organisation.hitl'));
        for (let i = 0; i < MAX_CACHE_FILES + 3; i++) {
            const root = path.join(temporary, 'many', `ws${i}`);
            mkdirSync(root, { recursive: true });
            writeFileSync(path.join(root, 'organisation.hitl'), organisation);
            expect(hitl(['check', '.'], { cwd: root, env: { HITL_CACHE_DIR: shared } }).code).toBe(0);
        }
        expect(readdirSync(shared).filter((f) => f.endsWith('.json'))).toHaveLength(MAX_CACHE_FILES);
        expect(readdirSync(shared).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });
});
