import { describe, expect, test } from 'vitest';
import { FIXTURES, REPO, hitl, jsonFindings, run } from './cli.js';

const CONTEXT = `${FIXTURES}/context`;

describe('which files are checked', () => {
    test('folders are searched recursively, nested folders included', () => {
        const report = JSON.parse(hitl(['check', `${FIXTURES}/clean`, '-f', 'json']).stdout) as { files: Array<{ path: string }> };
        expect(report.files.map((f) => f.path)).toEqual([`${FIXTURES}/clean/nested/deeper/team.hitl`, `${FIXTURES}/clean/roles.hitl`]);
    });

    test('references resolve across all the files given, files and folders mixed', () => {
        // team.hitl alone cannot resolve its members; with roles.hitl given too, it can.
        const alone = hitl(['check', `${FIXTURES}/clean/nested`]);
        expect(alone.code).toBe(1);
        expect(alone.stdout).toContain('reference/unresolved');
        const together = hitl(['check', `${FIXTURES}/clean/nested`, `${FIXTURES}/clean/roles.hitl`]);
        expect(together.code).toBe(0);
        expect(together.stdout).toBe('0 errors, 0 warnings in 2 files\n');
    });

    test('a file given twice, or inside a folder also given, is checked once', () => {
        const run = hitl(['check', `${FIXTURES}/clean`, `${FIXTURES}/clean/roles.hitl`, `./${FIXTURES}/clean/roles.hitl`]);
        expect(run.stdout).toBe('0 errors, 0 warnings in 2 files\n');
    });

    test('paths are relative to the repository root, whatever the working directory', () => {
        const fromSubfolder = hitl(['check', 'findings', '-f', 'json'], { cwd: `${REPO}/${FIXTURES}` });
        const fromRoot = hitl(['check', `${FIXTURES}/findings`, '-f', 'json']);
        expect(fromSubfolder.stdout).toBe(fromRoot.stdout);
    });
});

describe('--workspace', () => {
    test('without context, references into other files do not resolve', () => {
        const run = hitl(['check', `${CONTEXT}/teams`, '-f', 'json']);
        expect(run.code).toBe(1);
        const unresolved = jsonFindings(run.stdout).filter((f) => f.code === 'reference/unresolved');
        expect(unresolved.map((f) => f.message)).toContainEqual(expect.stringContaining("'Reviewer'"));
    });

    test('context files resolve references but are not reported on', () => {
        for (const option of ['--workspace', '-w']) {
            const run = hitl(['check', `${CONTEXT}/teams`, option, `${CONTEXT}/shared`, '-f', 'json']);
            expect(run.code).toBe(0);
            const report = JSON.parse(run.stdout) as { summary: { files: number; errors: number }; files: Array<{ path: string }> };
            expect(report.files.map((f) => f.path)).toEqual([`${CONTEXT}/teams/refunds-team.hitl`]);
            expect(report.summary).toMatchObject({ files: 1, errors: 0 });
        }
    });

    test('a context file that is also given as a path is reported', () => {
        const run = hitl(['check', CONTEXT, '--workspace', `${CONTEXT}/shared`]);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain(`${CONTEXT}/shared/organisation.hitl:25:6 error structure/duplicate-name`);
    });

    test('a missing context path is a usage error', () => {
        const run = hitl(['check', `${CONTEXT}/teams`, '--workspace', `${CONTEXT}/nowhere`]);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(`hitl: ${CONTEXT}/nowhere: no such file or directory\n`);
    });
});

describe('determinism', () => {
    test.each(['text', 'json', 'sarif', 'github'])('%s output is byte-identical across runs', (format) => {
        const first = hitl(['check', `${FIXTURES}/findings`, `${FIXTURES}/clean`, '-f', format]);
        const second = hitl(['check', `${FIXTURES}/findings`, `${FIXTURES}/clean`, '-f', format]);
        expect(first.stdout.length).toBeGreaterThan(0);
        expect(second.stdout).toBe(first.stdout);
    });

    test('the order of the paths does not change the report', () => {
        const forward = hitl(['check', `${FIXTURES}/findings/a-roles.hitl`, `${FIXTURES}/clean`, `${FIXTURES}/findings/b-payments.hitl`, '-f', 'json']);
        const backward = hitl(['check', `${FIXTURES}/findings/b-payments.hitl`, `${FIXTURES}/clean`, `${FIXTURES}/findings/a-roles.hitl`, '-f', 'json']);
        expect(backward.stdout).toBe(forward.stdout);
    });
});

describe('npm script', () => {
    test('`npm run hitl -- check samples` passes', () => {
        const npm = run('npm', ['run', '--silent', 'hitl', '--', 'check', 'samples']);
        expect(npm.stderr).toBe('');
        expect(npm.code).toBe(0);
        expect(npm.stdout).toMatch(/^0 errors, \d+ warnings? in \d+ files\n$/);
    });

    test('the two reference samples check clean on their own', () => {
        const samples = hitl(['check', 'samples/organisation.hitl', 'samples/credit-limit-increase.hitl']);
        expect(samples.stdout).toMatch(/^0 errors, \d+ warnings? in 2 files\n$/);
        expect(samples.code).toBe(0);
    });
});
