import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { lastRunOutput, RunRecorder, type RunCommand } from '../../cli/last-run.js';
import { hitl, REPO, type Run } from './cli.js';

// The replay of the last `hitl check` (cli/last-run.ts): the same command, with nothing it looked
// at changed, prints the recorded output without checking again; any change to a source, a folder
// walked, the configuration or a file probed for makes it check again.

vi.setConfig({ testTimeout: 120_000 });

const temporary = mkdtempSync(path.join(os.tmpdir(), 'hitl-last-run-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

/** A stamp vouches for a file only once it is older than the run by two seconds (cli/cache-files.ts). */
const SETTLED_MS = 2100;
const settle = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SETTLED_MS);

describe('a recorded run stands for the same command while nothing it watched changes', () => {
    const root = path.join(temporary, 'unit');
    mkdirSync(path.join(root, 'flows'), { recursive: true });
    const source = path.join(root, 'flows', 'a.hitl');
    const bundle = path.join(root, 'bundle.cjs');
    writeFileSync(source, 'role A { authority 1 }\n');
    writeFileSync(bundle, '// the CLI\n');
    const command: RunCommand = { argv: ['check', '.'], cwd: root, env: { HITL_CACHE_DIR: path.join(temporary, 'unit-cache') }, colour: false, bundle };
    const output = { stdout: 'flows/a.hitl: clean\n', stderr: '', code: 0 };
    // Runs started in the future, so that files written now are settled for them without waiting.
    const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

    async function record(at: Date, watch: (recorder: RunRecorder) => void, run: RunCommand = command, printed = output): Promise<void> {
        const recorder = new RunRecorder(run, at);
        watch(recorder);
        recorder.allowReplay();
        await recorder.save(printed);
    }
    const watchAll = (recorder: RunRecorder) => {
        recorder.watch(root, 'content');
        recorder.watch(path.join(root, 'flows'), 'content');
        recorder.watch(source, 'content');
        recorder.watch(path.join(root, 'hitl.config.yaml'), 'presence', false);
    };

    test('nothing changed: the output, stderr and exit code of the recorded run', async () => {
        const at = later(10);
        await record(at, watchAll, command, { stdout: 'out\n', stderr: 'warn\n', code: 1 });
        expect(lastRunOutput(command, at)).toEqual({ stdout: 'out\n', stderr: 'warn\n', code: 1 });
    });

    test('another command line, environment, colour, day or build of hitl: no replay', async () => {
        const at = later(10);
        await record(at, watchAll);
        expect(lastRunOutput(command, at)).toEqual(output);
        expect(lastRunOutput({ ...command, argv: ['check', '.', '--format', 'json'] }, at)).toBeUndefined();
        expect(lastRunOutput({ ...command, cwd: path.join(root, 'flows') }, at)).toBeUndefined();
        expect(lastRunOutput({ ...command, env: { ...command.env, HITL_TEST_SOMETHING: '1' } }, at)).toBeUndefined();
        expect(lastRunOutput({ ...command, colour: true }, at)).toBeUndefined();
        expect(lastRunOutput(command, new Date(at.getTime() + 86_400_000))).toBeUndefined();
        expect(lastRunOutput({ ...command, argv: ['compile', '.'] }, at)).toBeUndefined();
        writeFileSync(bundle, '// the CLI, rebuilt\n');
        expect(lastRunOutput(command, at)).toBeUndefined();
    });

    test('a source edited to the same size, its modification time put back: no replay', async () => {
        const at = later(10);
        await record(at, watchAll);
        const before = statSync(source);
        writeFileSync(source, 'role B { authority 1 }\n');
        utimesSync(source, before.atime, before.mtime);
        expect(statSync(source).size).toBe(before.size);
        expect(lastRunOutput(command, at)).toBeUndefined();
    });

    test('a file added to a folder walked, or a file probed for appearing: no replay', async () => {
        let at = later(10);
        await record(at, watchAll);
        writeFileSync(path.join(root, 'flows', 'b.hitl'), '');
        expect(lastRunOutput(command, at)).toBeUndefined();
        at = later(20);
        await record(at, watchAll);
        expect(lastRunOutput(command, at)).toEqual(output);
        writeFileSync(path.join(root, 'hitl.config.yaml'), 'rules: {}\n');
        expect(lastRunOutput(command, at)).toBeUndefined();
        rmSync(path.join(root, 'hitl.config.yaml'));
    });

    test('a file changed less than two seconds before the run started: its stamp proves nothing', async () => {
        const at = new Date();
        writeFileSync(source, 'role C { authority 1 }\n');
        await record(at, watchAll);
        expect(lastRunOutput(command, at)).toBeUndefined();
    });

    test('nothing is recorded for a run that failed, was not allowed, or lost a file it read', async () => {
        const at = later(10);
        const other = { ...command, argv: ['check', 'flows'] };
        await record(at, watchAll, other, { stdout: '', stderr: 'hitl: no .hitl files\n', code: 2 });
        expect(lastRunOutput(other, at)).toBeUndefined();
        const recorder = new RunRecorder(other, at);
        watchAll(recorder);
        await recorder.save(output);
        expect(lastRunOutput(other, at)).toBeUndefined();
        await record(at, (r) => r.watch(path.join(root, 'gone.hitl'), 'content'), other);
        expect(lastRunOutput(other, at)).toBeUndefined();
    });

    test('a record that does not match its hash is ignored', async () => {
        const at = later(10);
        await record(at, watchAll);
        const folder = path.join(temporary, 'unit-cache', 'last-runs');
        for (const name of readdirSync(folder)) {
            const [hash, body] = readFileSync(path.join(folder, name), 'utf8').split('\n');
            writeFileSync(path.join(folder, name), `${hash}\n${body.replace('clean', 'dirty')}`);
        }
        expect(lastRunOutput(command, at)).toBeUndefined();
    });
});

describe('hitl check replays its last run until something it read changes', () => {
    const root = path.join(temporary, 'cli');
    mkdirSync(path.join(root, 'node_modules'), { recursive: true });
    for (const file of readdirSync(path.join(REPO, 'samples')).filter((f) => f.endsWith('.hitl'))) writeFileSync(path.join(root, file), readFileSync(path.join(REPO, 'samples', file)));
    const env = { HITL_CACHE_DIR: undefined };
    const records = path.join(root, 'node_modules', '.cache', 'hitl', 'last-runs');
    const MARK = 'replayed from the record\n';

    /** Runs once the files are settled, then marks the stdout of every record: a run printing the mark was replayed. */
    function recordAndMark(args: readonly string[], cwd = root): Run {
        settle();
        const run = hitl(['check', ...args], { cwd, env });
        for (const name of readdirSync(records)) {
            const file = path.join(records, name);
            const record = JSON.parse(readFileSync(file, 'utf8').split('\n')[1]) as { stdout: string };
            if (record.stdout.startsWith(MARK)) continue;
            const body = JSON.stringify({ ...record, stdout: MARK + record.stdout });
            writeFileSync(file, `${createHash('sha256').update(body).digest('hex')}\n${body}`);
        }
        return run;
    }

    /** Not replayed: what a check without any cache prints. */
    function checkedAgain(args: readonly string[], cwd = root): Run {
        const warm = hitl(['check', ...args], { cwd, env });
        const cold = hitl(['check', ...args, '--no-cache'], { cwd, env });
        expect(warm.stdout).not.toContain(MARK);
        expect(warm).toEqual(cold);
        return warm;
    }

    test('the same command with nothing changed prints the recorded output; another command checks', () => {
        const first = recordAndMark(['.', '--format', 'json']);
        expect(first.code).toBe(0);
        const again = hitl(['check', '.', '--format', 'json'], { cwd: root, env });
        expect(again).toEqual({ ...first, stdout: MARK + first.stdout });
        checkedAgain(['.', '--format', 'sarif']);
        expect(hitl(['check', '.', '--format', 'json', '--no-cache'], { cwd: root, env })).toEqual(first);
    });

    test('an edit that keeps the size and the modification time is checked', () => {
        recordAndMark(['.']);
        expect(hitl(['check', '.'], { cwd: root, env }).stdout).toContain(MARK);
        const file = path.join(root, 'credit-limit-increase.hitl');
        const before = statSync(file);
        writeFileSync(file, readFileSync(file, 'utf8').replace(/^(\s*sla )2d$/m, '$10d'));
        utimesSync(file, before.atime, before.mtime);
        expect(statSync(file).size).toBe(before.size);
        expect(checkedAgain(['.']).code).toBe(1);
    });

    test('a file added in a new folder is checked', () => {
        recordAndMark(['.']);
        mkdirSync(path.join(root, 'more'));
        writeFileSync(path.join(root, 'more', 'duplicate.hitl'), readFileSync(path.join(root, 'organisation.hitl')));
        expect(checkedAgain(['.']).stdout).toContain('structure/duplicate-name');
        rmSync(path.join(root, 'more'), { recursive: true });
    });

    test('a configuration file appearing beside the sources is read', () => {
        const before = recordAndMark(['.', '--format', 'json']);
        writeFileSync(path.join(root, 'hitl.config.yaml'), 'rules:\n  values/non-positive-duration: warning\n');
        const after = checkedAgain(['.', '--format', 'json']);
        expect(JSON.parse(after.stdout).summary).not.toEqual(JSON.parse(before.stdout).summary);
        rmSync(path.join(root, 'hitl.config.yaml'));
    });

    test('a repository created around the workspace changes the paths reported', () => {
        const nested = path.join(root, 'nested');
        mkdirSync(nested);
        const outside = recordAndMark(['..', '--format', 'json'], nested);
        expect(outside.stdout).toContain(`"${root.split(path.sep).join('/')}/organisation.hitl"`);
        expect(hitl(['check', '..', '--format', 'json'], { cwd: nested, env }).stdout).toContain(MARK);
        mkdirSync(path.join(root, '.git'));
        const inside = checkedAgain(['..', '--format', 'json'], nested);
        expect(inside.stdout).toContain('"organisation.hitl"');
        rmSync(path.join(root, '.git'), { recursive: true });
        rmSync(nested, { recursive: true });
    });
});
