import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BIN, hitl, jsonFindings, NODE, REPO } from './cli.js';

// The CLI as a pre-commit hook or CI job runs it on what a repository may hold: it never destroys
// its inputs, never replaces what is not a plain file, never hangs or balloons on a committed pipe,
// device link or YAML bomb, and says what went wrong with exit code 2 (I/O) or a finding (content).

let work: string;

beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'hitl-hostile-io-'));
});

afterAll(() => {
    rmSync(work, { recursive: true, force: true });
});

const ORGANISATION = readFileSync(path.join(REPO, 'samples', 'organisation.hitl'), 'utf8');
const CREDIT = readFileSync(path.join(REPO, 'samples', 'credit-limit-increase.hitl'), 'utf8');

/** A fresh folder (outside any repository) holding the samples' organisation and credit workflow. */
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

function mkfifo(file: string): void {
    const made = spawnSync('mkfifo', [file]);
    if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
}

function expectNoStack(output: string): void {
    expect(output).not.toMatch(/internal error|^\s+at .+:\d+:\d+\)?$/m);
}

describe('-o never destroys an input or replaces what is not a regular file', () => {
    test.each(['check', 'report'])('%s -o onto a file being checked: exit 2, the file unchanged', (command) => {
        const dir = workspace(`own-input-${command}`);
        const run = hitl([command, 'credit.hitl', 'organisation.hitl', '-o', 'credit.hitl'], { cwd: dir });
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('credit.hitl: is one of the files being checked');
        expect(readFileSync(path.join(dir, 'credit.hitl'), 'utf8')).toBe(CREDIT);
    });

    test('-o onto a file of the workspace that was not named (loaded to resolve references) is refused too', () => {
        const dir = workspace('context-input');
        const run = hitl(['check', 'credit.hitl', '-o', 'organisation.hitl'], { cwd: dir });
        expect(run.code).toBe(2);
        expect(readFileSync(path.join(dir, 'organisation.hitl'), 'utf8')).toBe(ORGANISATION);
    });

    test('-o onto a hard link of an input is refused', () => {
        const dir = workspace('hard-link');
        spawnSync('ln', [path.join(dir, 'credit.hitl'), path.join(dir, 'report.txt')]);
        const run = hitl(['check', 'credit.hitl', '-o', 'report.txt'], { cwd: dir });
        expect(run.code).toBe(2);
        expect(readFileSync(path.join(dir, 'credit.hitl'), 'utf8')).toBe(CREDIT);
    });

    test('-o onto a symbolic link is refused and the link stays a link', () => {
        const dir = workspace('symlink-output');
        writeFileSync(path.join(dir, 'elsewhere.txt'), 'keep');
        symlinkSync(path.join(dir, 'elsewhere.txt'), path.join(dir, 'out.txt'));
        const run = hitl(['check', '.', '-o', 'out.txt'], { cwd: dir });
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('out.txt: is a symbolic link');
        expect(lstatSync(path.join(dir, 'out.txt')).isSymbolicLink()).toBe(true);
        expect(readFileSync(path.join(dir, 'elsewhere.txt'), 'utf8')).toBe('keep');
    });

    test('-o onto a FIFO or a folder is refused and the node stays what it was', () => {
        const dir = workspace('fifo-output');
        mkfifo(path.join(dir, 'pipe'));
        mkdirSync(path.join(dir, 'folder'));
        for (const target of ['pipe', 'folder']) {
            const run = hitl(['check', '.', '-o', target], { cwd: dir });
            expect(run.code).toBe(2);
            expect(run.stderr).toContain(`${target}: is not a regular file`);
        }
        expect(statSync(path.join(dir, 'pipe')).isFIFO()).toBe(true);
        expect(statSync(path.join(dir, 'folder')).isDirectory()).toBe(true);
    });

    test('-o onto an existing regular report replaces it whole', () => {
        const dir = workspace('replace-report');
        writeFileSync(path.join(dir, 'out.json'), 'old');
        const run = hitl(['check', '.', '-f', 'json', '-o', 'out.json'], { cwd: dir });
        expect(run.code).toBe(0);
        expect(JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8')).files).toHaveLength(2);
    });
});

describe('interrupted writes leave no temporary files', () => {
    test('a temporary file left by a killed run is removed by the next write; a live writer\'s is kept', () => {
        const dir = workspace('stale-temporaries');
        const dead = path.join(dir, 'out.txt.999999999.tmp');
        const live = path.join(dir, `out.txt.${process.pid}.tmp`);
        const other = path.join(dir, 'other.txt.999999999.tmp');
        for (const file of [dead, live, other]) writeFileSync(file, 'x'.repeat(1000));
        const run = hitl(['check', '.', '-o', 'out.txt'], { cwd: dir });
        expect(run.code).toBe(0);
        expect(existsSync(dead)).toBe(false);
        expect(existsSync(live)).toBe(true);
        expect(existsSync(other)).toBe(true);
        expect(readdirSync(dir).filter((name) => name.startsWith('out.txt.') && name !== path.basename(live))).toEqual([]);
    });
});

describe('configuration and sources are read only when they are regular files of bounded size', () => {
    test('hitl.config.yaml linked to /dev/zero: a config/invalid finding, the check goes on, bounded memory', () => {
        const dir = workspace('config-dev-zero');
        symlinkSync('/dev/zero', path.join(dir, 'hitl.config.yaml'));
        const run = hitl(['check', '.', '-f', 'json'], { cwd: dir });
        expectNoStack(run.stderr);
        expect(run.code).toBe(1);
        const findings = jsonFindings(run.stdout);
        expect(findings.filter((f) => f.code === 'config/invalid')).toEqual([
            expect.objectContaining({ path: 'hitl.config.yaml', region: expect.objectContaining({ start: { line: 1, column: 1 } }), message: expect.stringContaining('outside the workspace') }),
        ]);
        expect(findings.filter((f) => f.code !== 'config/invalid')).toEqual([]);
    });

    test('hitl.config.yaml that is a FIFO: no hang, a config/invalid finding', () => {
        const dir = workspace('config-fifo');
        mkfifo(path.join(dir, 'hitl.config.yaml'));
        const run = hitl(['check', '.', '-f', 'json'], { cwd: dir });
        expect(run.code).toBe(1);
        expect(jsonFindings(run.stdout).map((f) => [f.code, f.message])).toEqual([['config/invalid', expect.stringContaining('not a regular file (a named pipe)')]]);
    });

    test('a YAML alias bomb: a config/invalid finding at the alias, no stack trace, the workspace still checked', () => {
        const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
        const dir = workspace('config-bomb', { 'hitl.config.yaml': bomb, 'broken.hitl': 'workflow Broken {\n    sla 0h\n}\n' });
        const run = hitl(['check', '.'], { cwd: dir });
        expectNoStack(run.stdout + run.stderr);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('hitl.config.yaml:2:8 error config/invalid aliases (*a) are not supported');
        expect(run.stdout).toMatch(/broken\.hitl:\d+:\d+ error /);
    });

    test('a valid part of a configuration still applies next to a broken entry', () => {
        const dir = workspace('config-partial', { 'hitl.config.yaml': 'rules:\n  flow/no-such-rule: off\n  change/version-and-approver: off\n', 'w.hitl': 'workflow W {\n    outcome Done {\n        result "done"\n    }\n}\n' });
        const findings = jsonFindings(hitl(['check', 'w.hitl', '-f', 'json'], { cwd: dir }).stdout);
        expect(findings.some((f) => f.code === 'config/invalid' && f.region.start.line === 2)).toBe(true);
        expect(findings.some((f) => f.code === 'change/version-and-approver')).toBe(false);
    });

    test('report and rules, whose output has no place for findings, print the problems on stderr and go on', () => {
        const dir = workspace('config-report', { 'hitl.config.yaml': 'rules:\n  x/no-such-rule: off\n' });
        for (const command of [['report', '.'], ['rules']]) {
            const run = hitl(command, { cwd: dir });
            expect(run.stderr).toBe("hitl.config.yaml:2:3 error config/invalid unknown rule 'x/no-such-rule'; 'hitl rules' lists the codes\n");
            expect(run.stdout.length).toBeGreaterThan(0);
        }
    });

    test('a .hitl link out of the workspace is refused by name; one inside is followed', () => {
        const outside = path.join(work, 'outside-secret.hitl');
        writeFileSync(outside, 'role Secret {\n    authority 1\n}\n');
        const dir = workspace('source-links');
        symlinkSync(outside, path.join(dir, 'leak.hitl'));
        symlinkSync(path.join(dir, 'organisation.hitl'), path.join(dir, 'alias.hitl'));
        const refused = hitl(['check', 'leak.hitl'], { cwd: dir });
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('leak.hitl: is a symbolic link to');
        expect(refused.stderr).toContain('outside the workspace');
        expect(hitl(['check', 'alias.hitl', '-f', 'json'], { cwd: dir, env: {} }).code).not.toBe(2);
    });

    test('a FIFO named like a source is skipped in folders and refused by name, without a hang', () => {
        const dir = workspace('source-fifo');
        mkfifo(path.join(dir, 'pipe.hitl'));
        expect(hitl(['check', '.'], { cwd: dir }).code).toBe(0);
        const named = hitl(['check', 'pipe.hitl'], { cwd: dir });
        expect(named.code).toBe(2);
        expect(named.stderr).toContain('pipe.hitl: not a file or folder');
    });
});

describe('output that cannot be written', () => {
    test('standard output on a full device: exit 2 with a message, no stack', () => {
        const full = openSync('/dev/full', 'w');
        try {
            const run = spawnSync(NODE, [BIN, 'check', 'samples'], { cwd: REPO, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 60_000 });
            expect(run.status).toBe(2);
            expect(run.stderr).toContain('hitl: cannot write to standard output (ENOSPC)');
            expectNoStack(run.stderr);
        } finally {
            closeSync(full);
        }
    });
});

describe('the workspace around the files named', () => {
    test('checking one file loads the rest of the workspace to resolve references, and reports only that file', () => {
        const dir = path.join(work, 'one-file');
        cpSync(path.join(REPO, 'samples'), dir, { recursive: true });
        const run = hitl(['check', 'credit-limit-increase.hitl', '-f', 'json'], { cwd: dir });
        expect(run.code).toBe(0);
        const result = JSON.parse(run.stdout) as { files: Array<{ path: string; findings: unknown[] }> };
        expect(result.files.map((file) => file.path)).toEqual(['credit-limit-increase.hitl']);
        expect(result.files[0].findings).toEqual([]);
    });

    test('a file named in a sub-folder finds the workspace at the folder of hitl.config.yaml above it', () => {
        const dir = workspace('nested', { 'hitl.config.yaml': 'profile: default\n' });
        mkdirSync(path.join(dir, 'flows'));
        writeFileSync(path.join(dir, 'flows', 'credit.hitl'), CREDIT);
        rmSync(path.join(dir, 'credit.hitl'));
        const run = hitl(['check', 'flows/credit.hitl'], { cwd: dir });
        expect(run.stdout).not.toContain('reference/unresolved');
        expect(run.code).toBe(0);
    });

    test('a file with another extension, named explicitly, is checked as hitl', () => {
        const dir = workspace('other-extension');
        writeFileSync(path.join(dir, 'org.txt'), ORGANISATION);
        rmSync(path.join(dir, 'organisation.hitl'));
        const run = hitl(['check', 'org.txt', '-f', 'json'], { cwd: dir });
        expectNoStack(run.stderr);
        expect(run.code).toBe(0);
        expect((JSON.parse(run.stdout) as { files: Array<{ path: string }> }).files.map((f) => f.path)).toEqual(['org.txt']);
    });

    test('ignore patterns keep fixtures out of a folder check and of the workspace; a file named explicitly is still checked', () => {
        const dir = workspace('ignored', {
            'hitl.config.yaml': 'ignore:\n  - test/fixtures/**\n  - "*.draft.hitl"\n',
            'test/fixtures/broken.hitl': 'workflow Broken {\n    sla 0h\n}\n',
            'flows/idea.draft.hitl': 'workflow Draft {\n',
            // A duplicate of a shared declaration: it would break the check if it were loaded.
            'test/fixtures/duplicate.hitl': ORGANISATION,
        });
        const whole = hitl(['check', '.', '-f', 'json'], { cwd: dir });
        expect(whole.code).toBe(0);
        expect((JSON.parse(whole.stdout) as { files: Array<{ path: string }> }).files.map((f) => f.path)).toEqual(['credit.hitl', 'organisation.hitl']);
        const named = hitl(['check', 'test/fixtures/broken.hitl'], { cwd: dir });
        expect(named.code).toBe(1);
        expect(named.stdout).toContain('test/fixtures/broken.hitl:');
        // The ignored folder is a workspace of its own: the shared declarations outside it are not loaded around it.
        const alone = hitl(['check', 'test/fixtures/duplicate.hitl', '-f', 'json'], { cwd: dir });
        expect(jsonFindings(alone.stdout).filter((f) => f.code === 'structure/duplicate-name')).toEqual([]);
        const namedFolder = hitl(['check', 'test/fixtures', '-f', 'json'], { cwd: dir });
        expect((JSON.parse(namedFolder.stdout) as { files: Array<{ path: string }> }).files.map((f) => f.path)).toEqual(['test/fixtures/broken.hitl', 'test/fixtures/duplicate.hitl']);
    });
});
