import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXTURES, hitl, packageVersion } from './cli.js';

const WARNING_ONLY = `${FIXTURES}/warning-only`;

describe('exit codes', () => {
    test('0 for a clean workspace', () => {
        expect(hitl(['check', `${FIXTURES}/clean`]).code).toBe(0);
    });

    // Exit code 1 with errors is asserted for each format in formats.test.ts and sarif.test.ts.

    test('warnings alone pass, unless there are more than --max-warnings', () => {
        const plain = hitl(['check', WARNING_ONLY]);
        expect(plain.code).toBe(0);
        expect(plain.stdout).toBe(`${WARNING_ONLY}/empty.hitl:1:1 warning structure/empty-file This file declares nothing; add a workflow or shared declarations, or delete it.\n0 errors, 1 warning in 1 file\n`);

        const strict = hitl(['check', WARNING_ONLY, '--max-warnings', '0']);
        expect(strict.code).toBe(1);
        expect(strict.stderr).toBe('hitl: 1 warnings, more than --max-warnings 0\n');

        expect(hitl(['check', WARNING_ONLY, '--max-warnings', '1']).code).toBe(0);
        expect(hitl(['check', WARNING_ONLY, '--max-warnings=5']).code).toBe(0);
    });

    test('2, with a message and nothing on stdout, for usage errors', () => {
        const cases: Array<[string[], RegExp]> = [
            [['check', `${FIXTURES}/no-such-folder`], /^hitl: test\/fixtures\/cli\/no-such-folder: no such file or directory\n$/],
            [['check', FIXTURES, '--frobnicate'], /^hitl: Unknown option '--frobnicate'.*\nRun 'hitl --help' for usage\.\n$/],
            [['check', FIXTURES, '--format', 'xml'], /^hitl: unknown format 'xml'; use one of text, json, sarif, github\n$/],
            [['check', FIXTURES, '--format'], /^hitl: Option '-f, --format <value>' argument missing\nRun 'hitl --help' for usage\.\n$/],
            [['check', WARNING_ONLY, '--max-warnings', 'many'], /--max-warnings takes a whole number of 0 or more, not 'many'/],
            [['check', WARNING_ONLY, '--max-warnings', '-1'], /--max-warnings/],
            [['check', WARNING_ONLY, '--max-warnings='], /--max-warnings takes a whole number of 0 or more, not ''/],
            [['check', WARNING_ONLY, '--max-warnings', '1e3'], /--max-warnings takes a whole number/],
            [['lint', FIXTURES], /^hitl: unknown command 'lint'; run 'hitl --help' for the commands\n$/],
            [['check', '/dev/null'], /^hitl: \/dev\/null: not a file or folder\n$/],
        ];
        for (const [args, message] of cases) {
            const run = hitl(args);
            expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
            expect(run.stderr).toMatch(message);
            expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
        }
    });

    test('2 when a folder holds no .hitl files', () => {
        const run = hitl(['check', 'cli']);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe('hitl: no .hitl files found in cli\n');
    });

    test('no command at all prints the help on stderr and exits 2', () => {
        const run = hitl([]);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain('Usage:');
    });
});

describe('--help and --version', () => {
    test('--help, -h and `check --help` print the usage and exit 0', () => {
        for (const args of [['--help'], ['-h'], ['help'], ['check', '--help']]) {
            const run = hitl(args);
            expect(run.code).toBe(0);
            expect(run.stderr).toBe('');
            for (const text of ['hitl check [paths...]', '--format <text|json|sarif|github>', '--max-warnings', '--workspace', '--output', 'Exit codes', 'NO_COLOR']) {
                expect(run.stdout).toContain(text);
            }
        }
    });

    test('--version and -v print the package version', () => {
        expect(hitl(['--version'])).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: '' });
        expect(hitl(['-v']).stdout).toBe(`${packageVersion}\n`);
    });
});

describe('input that is not a .hitl workflow', () => {
    let scratch: string;
    beforeAll(() => {
        scratch = mkdtempSync(path.join(tmpdir(), 'hitl-input-'));
    });
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    test('binary data and invalid UTF-8 are findings with file, line and column, not crashes', () => {
        const folder = path.join(scratch, 'bad');
        mkdirSync(folder);
        writeFileSync(path.join(folder, 'binary.hitl'), Buffer.from('role A {\n  au\u0000thority 1\n}\n', 'latin1'));
        writeFileSync(path.join(folder, 'latin1.hitl'), Buffer.from('role A "Caf\u00e9" {\n}\n', 'latin1'));
        writeFileSync(path.join(folder, 'garbage.hitl'), '}}} {{{ ::: @@@ role role role ->->-> '.repeat(500));
        const run = hitl(['check', '.'], { cwd: folder });
        expect(run.code).toBe(1);
        expect(run.stderr).toBe('');
        const lines = run.stdout.trimEnd().split('\n');
        expect(lines).toContain('binary.hitl:2:5 error syntax/binary-content File contains binary data (a NUL byte); a .hitl file is UTF-8 text.');
        expect(lines).toContain('latin1.hitl:1:12 error syntax/invalid-encoding Byte 0xe9 is not valid UTF-8; save the file as UTF-8.');
        expect(lines.some((line) => /^garbage\.hitl:1:\d+ error syntax\//.test(line))).toBe(true);
        // Syntax errors are capped, so garbage gives a short report.
        expect(lines.filter((line) => line.startsWith('garbage.hitl')).length).toBeLessThanOrEqual(51);
    });

    test('a huge file is refused without being read', () => {
        const folder = path.join(scratch, 'huge');
        mkdirSync(folder);
        writeFileSync(path.join(folder, 'huge.hitl'), Buffer.alloc(20 * 1024 * 1024, 0x20));
        const run = hitl(['check', '.'], { cwd: folder });
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/^huge\.hitl:1:1 error syntax\/file-too-large File is 20\.0 MB;/);
    });
});

describe('--output', () => {
    let scratch: string;
    beforeAll(() => {
        scratch = mkdtempSync(path.join(tmpdir(), 'hitl-output-'));
    });
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    test('writes the report to the file, nothing to stdout, and leaves no temporary file', () => {
        const file = path.join(scratch, 'report.sarif');
        const run = hitl(['check', `${FIXTURES}/findings`, '--format', 'sarif', '--output', file]);
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        expect(readFileSync(file, 'utf8')).toBe(hitl(['check', `${FIXTURES}/findings`, '--format', 'sarif']).stdout);
        expect(readdirSync(scratch)).toEqual(['report.sarif']);
    });

    test('replaces an existing report whole', () => {
        const file = path.join(scratch, 'replace.json');
        writeFileSync(file, 'x'.repeat(100_000));
        expect(hitl(['check', `${FIXTURES}/clean`, '-f', 'json', '-o', file]).code).toBe(0);
        expect(JSON.parse(readFileSync(file, 'utf8')).summary.errors).toBe(0);
    });

    test('an unwritable target is an I/O error (exit 2) that leaves nothing behind', () => {
        const missing = path.join(scratch, 'missing', 'report.txt');
        const run = hitl(['check', `${FIXTURES}/clean`, '-o', missing]);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(`hitl: ${missing}: cannot write the report (ENOENT)\n`);
        expect(existsSync(path.dirname(missing))).toBe(false);

        const folder = path.join(scratch, 'a-folder');
        mkdirSync(folder);
        const onFolder = hitl(['check', `${FIXTURES}/clean`, '-o', folder]);
        expect(onFolder.code).toBe(2);
        expect(onFolder.stderr).toContain('a-folder: is not a regular file');
        expect(readdirSync(folder)).toEqual([]);
        expect(readdirSync(scratch).filter((name) => name.includes('.tmp'))).toEqual([]);
    });
});
