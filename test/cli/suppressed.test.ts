import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXTURES, REPO, hitl, jsonFindings, type Run } from './cli.js';
import { sarifValidator, type SarifLog } from './sarif-schema.js';

// A zero deadline (line 23), suppressed in the escalation that holds it.
const SUPPRESSED = `${FIXTURES}/suppressed`;
const REASON = 'Pilot: the head of payments is paged at once, by design';
const CODE = 'escalation/target-reachable';

describe('a suppressed finding', () => {
    test('does not fail the check; text counts it but does not list it', () => {
        expect(hitl(['check', SUPPRESSED])).toEqual({ code: 0, stdout: '0 errors, 0 warnings in 1 file (1 suppressed)\n', stderr: '' });
        expect(hitl(['check', SUPPRESSED, '--max-warnings', '0']).code).toBe(0);
    });

    test('is no GitHub annotation', () => {
        expect(hitl(['check', SUPPRESSED, '-f', 'github'])).toEqual({ code: 0, stdout: '', stderr: '' });
    });

    test('is in json with its severity and suppression, counted apart', () => {
        const run = hitl(['check', SUPPRESSED, '-f', 'json']);
        expect(JSON.parse(run.stdout).summary).toEqual({ files: 1, errors: 0, warnings: 0, infos: 0, suppressed: 1 });
        expect(jsonFindings(run.stdout)).toEqual([
            expect.objectContaining({
                code: CODE,
                severity: 'error',
                region: { start: { line: 23, column: 41 }, end: { line: 23, column: 43 } },
                suppression: { reason: REASON, approver: 'HeadOfPayments', expires: '2999-01-01' },
            }),
        ]);
    });

    test('is a valid SARIF result with an in-source suppression', () => {
        const log = JSON.parse(hitl(['check', SUPPRESSED, '-f', 'sarif']).stdout) as SarifLog;
        const validate = sarifValidator();
        expect(validate(log)).toBe(true);
        expect(log.runs[0].results).toEqual([
            expect.objectContaining({ ruleId: CODE, level: 'error', suppressions: [{ kind: 'inSource', status: 'accepted', justification: expect.stringContaining(REASON) }] }),
        ]);
    });
});

describe('the same finding without its suppression', () => {
    let scratch: string;
    let open: (format: string) => Run;
    let suppressed: (format: string) => Run;
    beforeAll(() => {
        scratch = mkdtempSync(path.join(tmpdir(), 'hitl-suppressed-'));
        for (const name of ['suppressed', 'open']) cpSync(path.join(REPO, SUPPRESSED), path.join(scratch, name), { recursive: true });
        const file = path.join(scratch, 'open', 'escalation.hitl');
        const text = readFileSync(file, 'utf8');
        const withoutBlock = text.replace(/ {4}suppress "[^"]+" \{[^}]*\}\n/, '');
        expect(withoutBlock).not.toBe(text);
        writeFileSync(file, withoutBlock);
        open = (format) => hitl(['check', 'escalation.hitl', '-f', format], { cwd: path.join(scratch, 'open') });
        suppressed = (format) => hitl(['check', 'escalation.hitl', '-f', format], { cwd: path.join(scratch, 'suppressed') });
    });
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    test('fails the check and is listed', () => {
        const text = open('text');
        expect(text.code).toBe(1);
        expect(text.stdout).toMatch(new RegExp(`^escalation\\.hitl:18:41 error ${CODE} `, 'm'));
        expect(open('github').stdout).toContain(`title=hitl ${CODE}::`);
    });

    test('keeps its SARIF fingerprint, so an alert keeps its identity when it is suppressed', () => {
        const [before] = (JSON.parse(open('sarif').stdout) as SarifLog).runs[0].results;
        const [after] = (JSON.parse(suppressed('sarif').stdout) as SarifLog).runs[0].results;
        expect(before.suppressions).toBeUndefined();
        expect(after.suppressions).toHaveLength(1);
        expect(after.partialFingerprints).toEqual(before.partialFingerprints);
    });
});
