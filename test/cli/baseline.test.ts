import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hitl, jsonFindings } from './cli.js';
import { git, sampleRepository } from './git-repository.js';
import { replaceOnce } from '../diff/sample-edits.js';

let repo: string;
const credit = () => path.join(repo, 'samples', 'credit-limit-increase.hitl');

/** BASE: the samples with one finding (the refund workflow's threshold removed). HEAD (working tree): that one fixed, another introduced. */
beforeAll(() => {
    repo = sampleRepository('hitl-baseline-');
    const refunds = path.join(repo, 'samples', 'customer-refunds.hitl');
    const text = readFileSync(refunds, 'utf8');
    writeFileSync(refunds, text.replace(/\n\s*confidence threshold [0-9.]+\n/, '\n'));
    git(repo, 'commit', '--quiet', '-am', 'a finding in the baseline');
    writeFileSync(refunds, text);
    writeFileSync(credit(), replaceOnce(readFileSync(credit(), 'utf8'), '        confidence threshold 0.8\n', ''));
}, 30_000);

afterAll(() => {
    if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('hitl check --baseline REV', () => {
    test('the working tree has exactly the one finding the change introduces', () => {
        const all = jsonFindings(hitl(['check', 'samples', '--format', 'json'], { cwd: repo }).stdout);
        expect(all.map((f) => [f.path, f.code])).toEqual([['samples/credit-limit-increase.hitl', 'fallback/confidence-threshold']]);
    });

    test('reports only the new finding and lists the fixed one (json)', () => {
        const run = hitl(['check', 'samples', '--baseline', 'HEAD', '--format', 'json'], { cwd: repo });
        expect(run.code).toBe(1);
        const report = JSON.parse(run.stdout);
        expect(jsonFindings(run.stdout).map((f) => [f.path, f.code])).toEqual([['samples/credit-limit-increase.hitl', 'fallback/confidence-threshold']]);
        expect(report.baseline.revision).toBe('HEAD');
        expect(report.baseline.fixed.map((f: { path: string; code: string }) => [f.path, f.code])).toEqual([['samples/customer-refunds.hitl', 'fallback/confidence-threshold']]);
    });

    test('a finding already in the baseline is not reported again, even when lines above it moved', () => {
        // Make the working tree's finding part of a new baseline, then push it down a few lines.
        git(repo, 'stash', '--quiet');
        writeFileSync(credit(), replaceOnce(readFileSync(credit(), 'utf8'), '        confidence threshold 0.8\n', ''));
        git(repo, 'commit', '--quiet', '-am', 'accept the finding');
        writeFileSync(credit(), `// moved\n// down\n${readFileSync(credit(), 'utf8')}`);
        try {
            const run = hitl(['check', 'samples', '--baseline', 'HEAD'], { cwd: repo });
            expect(run.code).toBe(0);
            expect(run.stdout).toContain('0 errors, 0 warnings');
            expect(run.stdout).toContain('No finding of HEAD was fixed.');
            // Without the baseline it is still there.
            expect(hitl(['check', 'samples'], { cwd: repo }).code).toBe(1);
        } finally {
            git(repo, 'checkout', '--quiet', '--', '.');
            git(repo, 'reset', '--quiet', '--hard', 'HEAD~1');
            git(repo, 'stash', 'pop', '--quiet');
        }
    });

    test('SARIF keeps the same fingerprints as without a baseline, for the new findings only', () => {
        const full = JSON.parse(hitl(['check', 'samples', '--format', 'sarif'], { cwd: repo }).stdout);
        const run = hitl(['check', 'samples', '--format', 'sarif', '--baseline', 'HEAD'], { cwd: repo });
        const onlyNew = JSON.parse(run.stdout);
        expect(onlyNew.runs[0].results.map((r: { partialFingerprints: unknown }) => r.partialFingerprints)).toEqual(full.runs[0].results.map((r: { partialFingerprints: unknown }) => r.partialFingerprints));
        expect(run.stderr).toContain('Fixed since HEAD (1):');
    });

    test('a revision that does not exist is a usage error', () => {
        const run = hitl(['check', 'samples', '--baseline', 'no-such-rev'], { cwd: repo });
        expect(run.code).toBe(2);
        expect(run.stderr).toContain("'no-such-rev' is not a commit");
    });
});
