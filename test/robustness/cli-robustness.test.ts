import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readSamples, seededBytes } from './harness.js';

// The built CLI as a user runs it, on hostile files: a finding that names the file, line and
// column, the documented exit code, and no crash, stack trace or hang.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
const CLI = path.join(ROOT, 'cli', 'hitl.cjs');
/** Far above any expected run; only a hang reaches it. */
const HANG_LIMIT_MS = 60_000;

let work: string;

beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist', 'cli.cjs'))) throw new Error("dist/cli.cjs is missing; run 'npm run build' first");
    work = mkdtempSync(path.join(os.tmpdir(), 'hitl-robustness-'));
});

afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
});

interface Run {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs `hitl check <args>` in `cwd` (outside any repository, so paths print relative to it). */
function check(cwd: string, ...args: string[]): Run {
    const result = spawnSync(NODE, [CLI, 'check', ...args], { cwd, encoding: 'utf8', timeout: HANG_LIMIT_MS, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
    if (result.error) throw new Error(`hitl check ${args.join(' ')} did not finish: ${result.error.message}`);
    expect(result.signal, `killed by a signal; stderr: ${result.stderr}`).toBeNull();
    const run = { code: result.status, stdout: result.stdout, stderr: result.stderr };
    expectNoCrash(run);
    return run;
}

function expectNoCrash(run: Run): void {
    const output = run.stdout + run.stderr;
    expect(output).not.toMatch(/internal error/i);
    expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // a stack frame
    expect(output).not.toMatch(/RangeError|Maximum call stack|heap out of memory/);
}

/** A folder of its own holding the given files (bytes or text). */
function folder(name: string, files: Record<string, string | Uint8Array>): string {
    const dir = path.join(work, name);
    mkdirSync(dir, { recursive: true });
    for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
    return dir;
}

/** Binary garbage whose first NUL is at a known place: line 3, column 5. */
function binaryGarbage(seed: number): Uint8Array {
    const prefix = Buffer.from('workflow W {\n    sla 2d\n    ');
    const rest = seededBytes(seed, 256 * 1024);
    rest[0] = 0;
    return Buffer.concat([prefix, rest]);
}

const DEEP_BRACES = `workflow W {\n${'{'.repeat(10_000)}\n${'}'.repeat(10_001)}\n`;
const DEEP_RACI = `workflow W {\n    ai step S {\n${'        raci {\n'.repeat(10_000)}${'}\n'.repeat(10_002)}`;

describe('hitl check on a single hostile file', () => {
    test('braces nested 10,000 deep: a syntax error at the first stray brace', () => {
        const run = check(folder('deep', { 'deep.hitl': DEEP_BRACES }), 'deep.hitl');
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/^deep\.hitl:2:1 error syntax\/parse-error /m);
    });

    test('raci blocks nested 10,000 deep: a syntax error at the first nested block', () => {
        const run = check(folder('deep-raci', { 'deep.hitl': DEEP_RACI }), 'deep.hitl');
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/^deep\.hitl:4:\d+ error syntax\/parse-error /m);
    });

    test('a 50 MB file: syntax/file-too-large at 1:1', () => {
        const unit = readSamples()['credit-limit-increase.hitl'];
        const big = unit.repeat(Math.ceil((50 * 1024 * 1024) / unit.length));
        const run = check(folder('huge', { 'huge.hitl': big }), 'huge.hitl');
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/^huge\.hitl:1:1 error syntax\/file-too-large .*MB/m);
        // One error for the file, not one per line of it.
        expect(run.stdout).toMatch(/^1 error,/m);
    });

    test('binary garbage: syntax/binary-content at the first NUL byte', () => {
        const run = check(folder('binary', { 'binary.hitl': binaryGarbage(3) }), 'binary.hitl');
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/^binary\.hitl:3:5 error syntax\/binary-content /m);
        expect(run.stdout).toMatch(/^1 error,/m);
    });

    test('invalid UTF-8: syntax/invalid-encoding at the bad byte, counting columns in characters', () => {
        const before = '    competence "naïve résumé ';
        const bytes = Buffer.concat([Buffer.from(`role Analyst "Café" {\n${before}`), Buffer.from([0xc3, 0x28]), Buffer.from('"\n}\n')]);
        const run = check(folder('encoding', { 'latin.hitl': bytes }), 'latin.hitl');
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(new RegExp(`^latin\\.hitl:2:${[...before].length + 1} error syntax/invalid-encoding .*0xc3`, 'm'));
    });

    test('an empty file is not an error', () => {
        const run = check(folder('empty', { 'empty.hitl': '' }), 'empty.hitl');
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^0 errors, \d+ warnings? in 1 file$/m);
    });

    test('a file of only comments is not an error', () => {
        const run = check(folder('comments', { 'notes.hitl': '// one\n/* two\n   three */\n/** four */\n' }), 'notes.hitl');
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^0 errors, \d+ warnings? in 1 file$/m);
    });

    test('an unterminated string: syntax/invalid-token where the string starts', () => {
        const run = check(folder('string', { 'open.hitl': 'role Analyst "Data analyst {\n    authority 2\n}\n' }), 'open.hitl');
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/^open\.hitl:1:14 error syntax\/invalid-token /m);
    });

    test('an unterminated block comment: syntax/invalid-token where the comment starts', () => {
        const run = check(folder('comment', { 'open.hitl': 'role Analyst {\n    authority 2\n}\n/* never closed\nrole Other {\n}\n' }), 'open.hitl');
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/^open\.hitl:4:1 error syntax\/invalid-token /m);
    });
});

interface JsonReport {
    summary: { files: number; errors: number };
    files: Array<{ path: string; findings: Array<{ code: string; severity: string; region: { start: { line: number; column: number } } }> }>;
}

describe('hitl check on a folder with broken files among good ones', () => {
    test('the broken files get their findings; the good ones are checked exactly as on their own', () => {
        // The samples, with a zero SLA planted in one so that a rule visibly runs on it.
        const samples = readSamples();
        const lines = samples['credit-limit-increase.hitl'].split('\n');
        const slaLine = lines.findIndex((l) => /^\s*sla\s+\d+[a-z]+\s*$/.test(l));
        expect(slaLine, 'credit-limit-increase.hitl has an sla line').toBeGreaterThanOrEqual(0);
        lines[slaLine] = lines[slaLine].replace(/\d+[a-z]+/, '0d');
        const good = { ...samples, 'credit-limit-increase.hitl': lines.join('\n') };

        const goodOnly = JSON.parse(check(folder('good-only', good), '--format', 'json', '.').stdout) as JsonReport;
        const planted = goodOnly.files.find((f) => f.path === 'credit-limit-increase.hitl')!.findings;
        expect(planted).toContainEqual(expect.objectContaining({ code: 'values/non-positive-duration', region: expect.objectContaining({ start: { line: slaLine + 1, column: expect.any(Number) } }) }));

        // Broken files named to sort, and so to be read and parsed, before the good ones.
        const mixedDir = folder('mixed', {
            ...good,
            '0-binary.hitl': binaryGarbage(11),
            '0-deep.hitl': DEEP_BRACES,
            '0-unterminated.hitl': 'role X "open\n',
        });
        const run = check(mixedDir, '--format', 'json', '.');
        expect(run.code).toBe(1);
        const mixed = JSON.parse(run.stdout) as JsonReport;
        const byPath = new Map(mixed.files.map((f) => [f.path, f.findings]));
        expect(mixed.summary.files).toBe(Object.keys(good).length + 3);
        expect(byPath.get('0-binary.hitl')).toEqual([expect.objectContaining({ code: 'syntax/binary-content', region: expect.objectContaining({ start: { line: 3, column: 5 } }) })]);
        expect(byPath.get('0-deep.hitl')).toContainEqual(expect.objectContaining({ code: 'syntax/parse-error', region: expect.objectContaining({ start: { line: 2, column: 1 } }) }));
        expect(byPath.get('0-unterminated.hitl')).toContainEqual(expect.objectContaining({ code: 'syntax/invalid-token', region: expect.objectContaining({ start: { line: 1, column: 8 } }) }));
        for (const file of goodOnly.files) {
            expect(byPath.get(file.path), file.path).toEqual(file.findings);
        }
    });
});
