import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BIN, hitl, NODE, packageVersion, REPO, type RunOptions } from './cli.js';

// `hitl compile` as a deployment pipeline runs it: it refuses a workspace with errors and writes
// nothing, writes the output folder whole or not at all (also when killed), never replaces a
// folder it did not write, and writes the same bytes on every run. The deployment files
// themselves come from the generators and have tests of their own; these tests assert the
// plumbing around them: refusal, atomicity, determinism and the manifest.

let work: string;

beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'hitl-compile-'));
});

afterAll(() => {
    rmSync(work, { recursive: true, force: true });
});

const sample = (name: string) => readFileSync(path.join(REPO, 'samples', name), 'utf8');
const ORGANISATION = sample('organisation.hitl');
const CREDIT = sample('credit-limit-increase.hitl');
const REFUNDS = sample('customer-refunds.hitl');
const BROKEN = 'workflow Broken {\n    sla 0h\n}\n';
/** The credit workflow with its first escalation level due at once, and the findings on it suppressed with `suppressions`. */
function creditWithZeroDeadline(suppressions = ''): string {
    const before = '    escalation CreditEscalation {\n        to SeniorUnderwriter via OversightQueue within 8h';
    expect(CREDIT).toContain(before);
    return CREDIT.replace(before, `    escalation CreditEscalation {\n${suppressions}        to SeniorUnderwriter via OversightQueue within 0h`);
}

/** A fresh folder (outside any repository) holding the organisation and the credit workflow, and `extra` files. */
function workspace(name: string, extra: Record<string, string> = {}): string {
    const dir = path.join(work, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'organisation.hitl'), ORGANISATION);
    writeFileSync(path.join(dir, 'credit.hitl'), CREDIT);
    for (const [file, text] of Object.entries(extra)) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
    }
    return dir;
}

/** Every file under `dir` by relative path, with its bytes as text; undefined when `dir` does not exist. */
function snapshot(dir: string): Record<string, string> | undefined {
    if (!existsSync(dir)) return undefined;
    const files: Record<string, string> = {};
    const walk = (folder: string, prefix: string) => {
        for (const name of readdirSync(folder).sort()) {
            const file = path.join(folder, name);
            if (lstatSync(file).isDirectory()) walk(file, `${prefix}${name}/`);
            else files[`${prefix}${name}`] = readFileSync(file, 'utf8');
        }
    };
    walk(dir, '');
    return files;
}

/** Temporary and set-aside folders of compiles beside `dir`. */
function leftovers(dir: string): string[] {
    const base = path.basename(dir);
    return readdirSync(path.dirname(dir)).filter((name) => name.startsWith(`${base}.`) && /\.\d+\.(tmp|old)$/.test(name));
}

function compile(dir: string, args: readonly string[], options: RunOptions = {}) {
    return hitl(['compile', ...args], { cwd: dir, ...options });
}

interface Manifest {
    manifestVersion: number;
    tool: { name: string; version: string };
    generatedOn?: string;
    format: string;
    sources: Array<{ path: string; sha256: string }>;
    outputs: Array<{ path: string; sha256: string }>;
    suppressed: Array<Record<string, unknown>>;
    coverage: Array<{ workflow: string; path: string; counts: Record<string, number>; requirements: Array<{ id: string; status: string; codes?: string[]; reason?: string }> }>;
}

const manifestOf = (out: string): Manifest => JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

describe('a workspace with errors is refused: exit 1, the findings, nothing written', () => {
    test('an error in a named file: the findings on stderr, no output folder, not even its parent', () => {
        const dir = workspace('refuse-named', { 'broken.hitl': BROKEN });
        const run = compile(dir, ['.', '--out', 'build/deploy']);
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^broken\.hitl:2:\d+ error values\/non-positive-duration /m);
        expect(run.stderr).toContain('hitl: compile refused: the workspace has errors; nothing written to build/deploy\n');
        expect(existsSync(path.join(dir, 'build'))).toBe(false);
    });

    test('an error in a file of the workspace that was not named refuses too, and a previous output stays as it was', () => {
        const dir = workspace('refuse-context');
        const out = path.join(work, 'refuse-context-out');
        expect(compile(dir, ['credit.hitl', '--out', out]).code).toBe(0);
        const before = snapshot(out);
        writeFileSync(path.join(dir, 'broken.hitl'), BROKEN);
        const run = compile(dir, ['credit.hitl', '--out', out]);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('broken.hitl:2:');
        expect(snapshot(out)).toEqual(before);
        expect(leftovers(out)).toEqual([]);
    });

    test('an invalid hitl.config.yaml is an error like any other', () => {
        const dir = workspace('refuse-config', { 'hitl.config.yaml': 'rules:\n  flow/no-such-rule: off\n' });
        const run = compile(dir, ['.', '--out', path.join(work, 'refuse-config-out')]);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain("hitl.config.yaml:2:3 error config/invalid unknown rule 'flow/no-such-rule'");
        expect(existsSync(path.join(work, 'refuse-config-out'))).toBe(false);
    });

    test('warnings follow --max-warnings: more than allowed refuses, up to it compiles; they are shown either way', () => {
        const dir = workspace('warnings', { 'empty.hitl': '// nothing yet\n' });
        const out = path.join(work, 'warnings-out');
        const refused = compile(dir, ['.', '--out', out, '--max-warnings', '0']);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('empty.hitl:1:1 warning structure/empty-file');
        expect(refused.stderr).toContain('hitl: compile refused: 1 warning, more than --max-warnings 0; nothing written to');
        expect(existsSync(out)).toBe(false);
        const allowed = compile(dir, ['.', '--out', out, '--max-warnings', '1']);
        expect(allowed.code).toBe(0);
        expect(allowed.stderr).toContain('empty.hitl:1:1 warning structure/empty-file');
        expect(existsSync(path.join(out, 'manifest.json'))).toBe(true);
    });
});

describe('usage errors: exit 2, a message, nothing touched', () => {
    test.each([
        ['no --out', ['.'], {}, 'compile needs --out <folder>'],
        ['an unknown format', ['.', '--out', 'out', '--format', 'xml'], {}, "unknown compile format 'xml'; use yaml or json"],
        ['a bad --max-warnings', ['.', '--out', 'out', '--max-warnings', 'many'], {}, '--max-warnings takes a whole number'],
        ['a bad --today', ['.', '--out', 'out', '--today', '2027-02-30'], {}, '--today takes a date'],
        ['a bad SOURCE_DATE_EPOCH', ['.', '--out', 'out'], { SOURCE_DATE_EPOCH: 'yesterday' }, "SOURCE_DATE_EPOCH takes whole seconds since 1970-01-01 UTC, not 'yesterday'"],
        ['no workflow in the paths given', ['organisation.hitl', '--out', 'out'], {}, 'no workflow in organisation.hitl'],
    ])('%s', (name, args, env, message) => {
        const dir = workspace(`usage-${name.replace(/\W+/g, '-')}`);
        const run = compile(dir, args, { env });
        expect(run).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining(message) });
        expect(existsSync(path.join(dir, 'out'))).toBe(false);
    });

    test('--out that is a file is refused and the file kept', () => {
        const dir = workspace('out-file', { 'notes.txt': 'keep' });
        const run = compile(dir, ['.', '--out', 'notes.txt']);
        expect(run).toEqual({ code: 2, stdout: '', stderr: 'hitl: notes.txt: is not a folder; --out takes a new or empty folder, or one a previous compile wrote\n' });
        expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('keep');
    });

    test('--out that is a symbolic link is refused, even to a folder hitl wrote', () => {
        const dir = workspace('out-link');
        const real = path.join(work, 'out-link-real');
        expect(compile(dir, ['.', '--out', real]).code).toBe(0);
        const before = snapshot(real);
        symlinkSync(real, path.join(work, 'out-link-link'));
        const run = compile(dir, ['.', '--out', path.join(work, 'out-link-link')]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('is a symbolic link');
        expect(lstatSync(path.join(work, 'out-link-link')).isSymbolicLink()).toBe(true);
        expect(snapshot(real)).toEqual(before);
    });

    test.each([
        ['the workspace root', '.', 'is the workspace root or a folder above it'],
        ['a folder above the workspace', '..', 'is the workspace root or a folder above it'],
        ['a folder holding sources', 'specs', 'holds specs/credit.hitl, which this compile reads'],
    ])('--out that is %s is refused and nothing in it touched', (_name, out, message) => {
        const dir = path.join(work, `out-inputs-${out.replace(/\W/g, 'x')}`, 'ws');
        mkdirSync(path.join(dir, 'specs'), { recursive: true });
        writeFileSync(path.join(dir, 'specs', 'organisation.hitl'), ORGANISATION);
        writeFileSync(path.join(dir, 'specs', 'credit.hitl'), CREDIT);
        writeFileSync(path.join(dir, 'hitl.config.yaml'), 'profile: default\n');
        const before = snapshot(path.dirname(dir));
        const run = compile(dir, ['specs', '--out', out]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(message);
        expect(snapshot(path.dirname(dir))).toEqual(before);
    });

    test('a folder hitl did not write is never replaced', () => {
        const dir = workspace('foreign');
        const out = path.join(work, 'foreign-out');
        mkdirSync(out);
        writeFileSync(path.join(out, 'deploy.yaml'), 'mine');
        const run = compile(dir, ['.', '--out', out]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('holds files that hitl did not write (no hitl manifest.json)');
        expect(snapshot(out)).toEqual({ 'deploy.yaml': 'mine' });
    });

    test('a folder hitl wrote, to which someone added a file, is not replaced either', () => {
        const dir = workspace('added');
        const out = path.join(work, 'added-out');
        expect(compile(dir, ['.', '--out', out]).code).toBe(0);
        writeFileSync(path.join(out, 'README.md'), 'notes');
        const before = snapshot(out);
        const run = compile(dir, ['.', '--out', out]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain("holds 'README.md', which the previous compile did not write");
        expect(snapshot(out)).toEqual(before);
    });
});

describe('the output folder and its manifest', () => {
    test('per workflow a deployment file, the configuration schema and a manifest that hashes every source and output', () => {
        const dir = workspace('manifest', { 'refunds.hitl': REFUNDS });
        const out = path.join(work, 'manifest-out');
        const run = compile(dir, ['.', '--out', out]);
        const files = snapshot(out)!;
        expect(run).toEqual({ code: 0, stdout: `Compiled 2 workflows into ${out}: ${Object.keys(files).length} files\n`, stderr: '' });
        expect(Object.keys(files)).toEqual(expect.arrayContaining(['CreditLimitIncrease.runtime.yaml', 'CustomerRefunds.runtime.yaml', 'hitl.config.schema.json', 'manifest.json']));
        expect(files['hitl.config.schema.json']).toBe(readFileSync(path.join(REPO, 'docs', 'schemas', 'hitl.config.schema.json'), 'utf8'));

        const manifest = manifestOf(out);
        expect(manifest).toMatchObject({ manifestVersion: 1, tool: { name: 'hitl', version: packageVersion }, format: 'yaml', suppressed: [] });
        expect(manifest).not.toHaveProperty('generatedOn');
        expect(manifest.sources).toEqual(
            ['credit.hitl', 'organisation.hitl', 'refunds.hitl'].map((file) => ({ path: file, sha256: sha256(readFileSync(path.join(dir, file))) })),
        );
        const outputs = Object.keys(files).filter((file) => file !== 'manifest.json');
        expect(manifest.outputs).toEqual(outputs.map((file) => ({ path: file, sha256: sha256(readFileSync(path.join(out, file))) })));
        // Nothing names the machine: no absolute path in any file.
        for (const text of Object.values(files)) expect(text).not.toContain(work);
    });

    test('the coverage is the compliance report of each compiled workflow', () => {
        const dir = workspace('coverage', { 'refunds.hitl': REFUNDS });
        const out = path.join(work, 'coverage-out');
        expect(compile(dir, ['.', '--out', out]).code).toBe(0);
        const report = JSON.parse(hitl(['report', '.', '--format', 'json'], { cwd: dir }).stdout) as {
            workflows: Array<{ workflow: string; path: string; requirements: Array<{ id: string; status: string; reason?: string }> }>;
        };
        const coverage = manifestOf(out).coverage;
        expect(coverage.map((w) => [w.workflow, w.path])).toEqual(report.workflows.map((w) => [w.workflow, w.path]));
        for (const [index, workflow] of coverage.entries()) {
            const rows = report.workflows[index].requirements;
            expect(workflow.requirements.map((row) => [row.id, row.status, row.reason])).toEqual(rows.map((row) => [row.id, row.status, row.reason]));
            const count = (status: string) => rows.filter((row) => row.status === status).length;
            expect(workflow.counts).toEqual({ met: count('met'), violated: count('violated'), suppressed: count('suppressed'), notApplicable: count('not-applicable') });
        }
    });

    test('the suppressed findings are listed with their code, place, message, reason, approver and expiry, as check reports them', () => {
        // Whichever rules find the zero deadline, each of their findings is suppressed where it stands.
        const dir = workspace('suppressed');
        writeFileSync(path.join(dir, 'credit.hitl'), creditWithZeroDeadline());
        const found = JSON.parse(hitl(['check', '.', '-f', 'json'], { cwd: dir }).stdout) as { files: Array<{ findings: Array<{ code: string; severity: string }> }> };
        const codes = [...new Set(found.files.flatMap((file) => file.findings).filter((f) => f.severity === 'error').map((f) => f.code))];
        expect(codes.length).toBeGreaterThan(0);
        const block = (code: string) => `        suppress "${code}" {\n            reason "Pilot: paged at once"\n            approver ChiefRiskOfficer\n            expires 2999-01-01\n        }\n`;
        writeFileSync(path.join(dir, 'credit.hitl'), creditWithZeroDeadline(codes.map(block).join('')));

        const out = path.join(work, 'suppressed-out');
        const run = compile(dir, ['.', '--out', out]);
        expect(run.code).toBe(0);
        const checked = JSON.parse(hitl(['check', '.', '-f', 'json'], { cwd: dir }).stdout) as {
            files: Array<{ findings: Array<{ code: string; path: string; message: string; region: { start: { line: number; column: number } }; suppression?: Record<string, string> }> }>;
        };
        const expected = checked.files
            .flatMap((file) => file.findings)
            .filter((finding) => finding.suppression)
            .map((f) => ({ code: f.code, path: f.path, line: f.region.start.line, column: f.region.start.column, message: f.message, ...f.suppression }));
        expect(expected.map((f) => f.code).sort()).toEqual([...codes].sort());
        const manifest = manifestOf(out);
        expect(manifest.suppressed).toEqual(expected);
        expect(manifest.suppressed.every((f) => f.reason === 'Pilot: paged at once' && f.approver === 'ChiefRiskOfficer' && f.expires === '2999-01-01')).toBe(true);
        const suppressedRows = manifest.coverage[0].requirements.filter((row) => row.status === 'suppressed');
        expect(suppressedRows.every((row) => row.codes?.every((code) => codes.includes(code)))).toBe(true);
    });

    test('a new compile replaces the folder as a whole: nothing of the previous output is left', () => {
        const dir = workspace('replace', { 'refunds.hitl': REFUNDS });
        const out = path.join(work, 'replace-out');
        expect(compile(dir, ['.', '--out', out]).code).toBe(0);
        rmSync(path.join(dir, 'refunds.hitl'));
        expect(compile(dir, ['.', '--out', out, '--format', 'json']).code).toBe(0);
        const files = Object.keys(snapshot(out)!);
        expect(files).toContain('CreditLimitIncrease.runtime.json');
        expect(files.filter((file) => file.startsWith('CustomerRefunds') || file.endsWith('.yaml'))).toEqual([]);
        expect(manifestOf(out).format).toBe('json');
        expect(manifestOf(out).outputs.map((output) => output.path)).toEqual(files.filter((file) => file !== 'manifest.json'));
        expect(leftovers(out)).toEqual([]);
    });

    test('a date only when asked for: --today, else SOURCE_DATE_EPOCH (UTC)', () => {
        const dir = workspace('dated');
        const out = path.join(work, 'dated-out');
        expect(compile(dir, ['.', '--out', out, '--today', '2026-09-01']).code).toBe(0);
        expect(manifestOf(out).generatedOn).toBe('2026-09-01');
        // 1767225599 is 2025-12-31T23:59:59Z: the day before in UTC, whatever the time zone.
        expect(compile(dir, ['.', '--out', out], { env: { SOURCE_DATE_EPOCH: '1767225599', TZ: 'Pacific/Kiritimati' } }).code).toBe(0);
        expect(manifestOf(out).generatedOn).toBe('2025-12-31');
        expect(compile(dir, ['.', '--out', out, '--today', '2026-09-01'], { env: { SOURCE_DATE_EPOCH: '1767225599' } }).code).toBe(0);
        expect(manifestOf(out).generatedOn).toBe('2026-09-01');
    });
});

describe('deterministic: the same bytes on every run', () => {
    test('again, from another working directory, with the paths in another order, in other time zones and locales', () => {
        const dir = workspace('determinism', { 'refunds.hitl': REFUNDS });
        const first = path.join(work, 'determinism-1');
        expect(compile(dir, ['credit.hitl', 'refunds.hitl', '--out', first]).code).toBe(0);
        const expected = snapshot(first);
        expect(compile(dir, ['credit.hitl', 'refunds.hitl', '--out', first]).code).toBe(0);
        expect(snapshot(first)).toEqual(expected);

        const second = path.join(work, 'determinism-2');
        const elsewhere = hitl(['compile', path.join(dir, 'refunds.hitl'), path.join(dir, 'credit.hitl'), '--out', second], {
            cwd: tmpdir(),
            env: { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
        });
        expect(elsewhere.code).toBe(0);
        expect(snapshot(second)).toEqual(expected);
        const third = path.join(work, 'determinism-3');
        expect(compile(dir, ['refunds.hitl', 'credit.hitl', '--out', path.relative(dir, third)], { env: { TZ: 'America/Adak' } }).code).toBe(0);
        expect(snapshot(third)).toEqual(expected);
    });

    test('the samples compile the same from the repository and from elsewhere', () => {
        const inRepo = path.join(work, 'samples-repo');
        const outside = path.join(work, 'samples-outside');
        expect(hitl(['compile', 'samples', '--out', inRepo]).code).toBe(0);
        expect(hitl(['compile', path.join(REPO, 'samples'), '--out', outside], { cwd: tmpdir(), env: { TZ: 'Asia/Kathmandu' } }).code).toBe(0);
        expect(snapshot(outside)).toEqual(snapshot(inRepo));
        expect(manifestOf(inRepo).sources.map((source) => source.path)).toContain('samples/organisation.hitl');
    });

    test("what the samples compile to is what the generators' golden files hold, file for file", () => {
        const out = path.join(work, 'samples-golden');
        expect(hitl(['compile', 'samples', '--out', out]).code).toBe(0);
        const goldenRoot = path.join(REPO, 'test/golden/compile');
        const golden = new Map<string, string>();
        for (const entry of readdirSync(goldenRoot, { recursive: true, encoding: 'utf8' })) {
            const full = path.join(goldenRoot, entry);
            if (lstatSync(full).isFile() && entry !== 'model.schema.json') golden.set(path.basename(entry), readFileSync(full, 'utf8'));
        }
        const written = readdirSync(out).filter((file) => file.endsWith('.runtime.yaml') || file.endsWith('.audit.schema.json') || file === 'runtime.schema.json');
        expect(written.sort()).toEqual([...golden.keys()].sort());
        for (const file of written) expect(readFileSync(path.join(out, file), 'utf8'), file).toBe(golden.get(file));
    });
});

/** A compile running in the background, to be killed. */
function startCompile(cwd: string, args: readonly string[], env: Record<string, string> = {}) {
    const child = spawn(NODE, [BIN, 'compile', ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const waiters: Array<{ text: string; resolve: () => void }> = [];
    child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        for (const waiter of waiters.filter((w) => stderr.includes(w.text))) waiter.resolve();
    });
    child.stdout.resume();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    return {
        pid: child.pid!,
        exited,
        /** Resolves when stderr has shown `text` (the test hook says where it paused). */
        waitFor: (text: string) =>
            new Promise<void>((resolve, reject) => {
                if (stderr.includes(text)) return resolve();
                waiters.push({ text, resolve });
                void exited.then(() => (stderr.includes(text) ? resolve() : reject(new Error(`compile ended before '${text}':\n${stderr}`))));
            }),
        kill: async () => {
            child.kill('SIGKILL');
            return exited;
        },
    };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('killed mid-write (SIGKILL): the old output or the new one, never a mix; the next run cleans up', () => {
    /** Two workspaces with different outputs, and what each writes (the same whatever the folder). */
    let versions: { oldWorkspace: string; newWorkspace: string; old: Record<string, string>; new: Record<string, string> } | undefined;
    function twoVersions() {
        if (versions) return versions;
        const oldWorkspace = workspace('kill-old');
        const newWorkspace = workspace('kill-new', { 'refunds.hitl': REFUNDS });
        const reference = (dir: string, label: string) => {
            const out = path.join(work, `kill-${label}-reference`);
            expect(compile(dir, ['.', '--out', out]).code).toBe(0);
            return snapshot(out)!;
        };
        versions = { oldWorkspace, newWorkspace, old: reference(oldWorkspace, 'old'), new: reference(newWorkspace, 'new') };
        expect(versions.new).not.toEqual(versions.old);
        return versions;
    }

    test.each(['file', 'swap'] as const)('killed at the pause after %s: the old output, a temporary folder beside it until the next run', async (stage) => {
        const v = twoVersions();
        const out = path.join(work, `kill-${stage}-out`);
        expect(compile(v.oldWorkspace, ['.', '--out', out]).code).toBe(0);
        const running = startCompile(v.newWorkspace, ['.', '--out', out], { HITL_TEST_COMPILE_PAUSE: `${stage}:60000` });
        await running.waitFor(`hitl-test: paused at ${stage}`);
        expect((await running.kill()).signal).toBe('SIGKILL');
        expect(snapshot(out)).toEqual(v.old);
        expect(leftovers(out)).toEqual([`kill-${stage}-out.${running.pid}.tmp`]);

        expect(compile(v.newWorkspace, ['.', '--out', out]).code).toBe(0);
        expect(snapshot(out)).toEqual(v.new);
        expect(leftovers(out)).toEqual([]);
    });

    test('killed between the two renames: both complete folders stay beside it, and the next run puts the new one in place', async () => {
        const v = twoVersions();
        const out = path.join(work, 'kill-aside-out');
        expect(compile(v.oldWorkspace, ['.', '--out', out]).code).toBe(0);
        const running = startCompile(v.newWorkspace, ['.', '--out', out], { HITL_TEST_COMPILE_PAUSE: 'aside:60000' });
        await running.waitFor('hitl-test: paused at aside');
        await running.kill();
        expect(existsSync(out)).toBe(false);
        expect(snapshot(`${out}.${running.pid}.old`)).toEqual(v.old);
        expect(snapshot(`${out}.${running.pid}.tmp`)).toEqual(v.new);

        // The next run, even of the old workspace, first finishes the interrupted swap, then writes its own output.
        expect(compile(v.oldWorkspace, ['.', '--out', out]).code).toBe(0);
        expect(snapshot(out)).toEqual(v.old);
        expect(leftovers(out)).toEqual([]);
    });

    test('killed at many moments of the write: each time exactly the old output or the new one', async () => {
        const v = twoVersions();
        const out = path.join(work, 'kill-many-out');
        const outputs = [
            { workspace: v.oldWorkspace, files: v.old },
            { workspace: v.newWorkspace, files: v.new },
        ];
        expect(compile(v.oldWorkspace, ['.', '--out', out]).code).toBe(0);
        let current = 0;
        let midWrite = 0;
        // Each file takes 40 ms to write (the hook), so the kills land during and after the write.
        for (const delay of [0, 20, 50, 90, 130, 180, 230, 290, 360, 600]) {
            const next = 1 - current;
            const running = startCompile(outputs[next].workspace, ['.', '--out', out], { HITL_TEST_COMPILE_PAUSE: 'file:40' });
            await running.waitFor('hitl-test: paused at file');
            await sleep(delay);
            await running.kill();
            let now = snapshot(out);
            if (now === undefined) {
                // The kill fell between the two renames (see cli/output-folder.ts): both folders are
                // complete beside it, and the next run puts the new one in place.
                expect(snapshot(`${out}.${running.pid}.old`)).toEqual(outputs[current].files);
                expect(snapshot(`${out}.${running.pid}.tmp`)).toEqual(outputs[next].files);
                expect(compile(outputs[next].workspace, ['.', '--out', out]).code).toBe(0);
                now = snapshot(out);
            }
            const state = [outputs[current].files, outputs[next].files].findIndex((files) => JSON.stringify(files) === JSON.stringify(now));
            expect(state, `after ${delay} ms the folder holds neither output: ${JSON.stringify(Object.keys(now ?? {}))}`).toBeGreaterThanOrEqual(0);
            if (state === 0 && leftovers(out).length > 0) midWrite++;
            if (state === 1) current = next;
        }
        expect(midWrite).toBeGreaterThan(0);
        expect(compile(v.oldWorkspace, ['.', '--out', out]).code).toBe(0);
        expect(snapshot(out)).toEqual(v.old);
        expect(leftovers(out)).toEqual([]);
    }, 120_000);
});
