import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { BIN, NODE, REPO, run } from './cli.js';
import { git, sampleRepository } from './git-repository.js';
import { replaceOnce } from '../diff/sample-edits.js';

const SCRIPT = path.join(REPO, 'action', 'review.sh');
let repo: string;

/** Two commits: the samples, then a pull request's change to the credit workflow. */
function commitChange(edit: (text: string) => string): void {
    const file = path.join(repo, 'samples', 'credit-limit-increase.hitl');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    git(repo, 'commit', '--quiet', '-am', 'the pull request');
}

function review(env: Record<string, string> = {}) {
    return run('bash', [SCRIPT], { cwd: repo, env: { HITL: `${NODE} ${BIN}`, HITL_BASE: 'HEAD~1', GITHUB_STEP_SUMMARY: path.join(repo, 'summary.md'), GITHUB_ACTIONS: 'true', ...env } });
}

beforeEach(() => {
    repo = sampleRepository('hitl-action-');
});

afterEach(() => {
    rmSync(repo, { recursive: true, force: true });
});

describe('the review action', () => {
    test('action.yml is a composite action that runs the script and uploads the SARIF it writes', () => {
        const action = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8'));
        expect(action.runs.using).toBe('composite');
        const steps = action.runs.steps as Array<{ run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, string> }>;
        expect(steps.some((step) => step.run === 'bash "$GITHUB_ACTION_PATH/action/review.sh"')).toBe(true);
        expect(steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif'))?.with?.sarif_file).toBe('${{ inputs.sarif-file }}');
        expect(action.inputs.base.default).toBe('${{ github.event.pull_request.base.sha }}');
    });

    test('a weakening change fails the job; the summary shows the diff, the SARIF is written, the change is annotated', () => {
        commitChange((t) => replaceOnce(t, 'retention 7y', 'retention 1y'));
        const result = review();
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('this change weakens governance');
        const summary = readFileSync(path.join(repo, 'summary.md'), 'utf8');
        expect(summary).toContain('## Governance diff: `HEAD~1` → `HEAD`');
        expect(summary).toContain('`change/retention-shortened`');
        expect(result.stdout).toMatch(/^::error file=samples\/credit-limit-increase\.hitl,line=\d+,.*title=hitl change\/retention-shortened::/m);
        const sarif = JSON.parse(readFileSync(path.join(repo, 'hitl.sarif'), 'utf8'));
        expect(sarif.version).toBe('2.1.0');
    });

    test('the same change, versioned and approved, passes with the warning in the summary', () => {
        commitChange((t) => replaceOnce(replaceOnce(t, 'retention 7y', 'retention 1y'), 'version "3.1.0"', 'version "3.2.0"'));
        const result = review();
        expect(result.code).toBe(0);
        expect(readFileSync(path.join(repo, 'summary.md'), 'utf8')).toContain('- **warning** `change/retention-shortened`');
    });

    test('fail-on-weakening false reports without failing; a check error still fails', () => {
        commitChange((t) => replaceOnce(t, 'retention 7y', 'retention 1y'));
        expect(review({ HITL_FAIL_ON_WEAKENING: 'false' }).code).toBe(0);
        commitChange((t) => replaceOnce(t, '        confidence threshold 0.8\n', ''));
        const result = review({ HITL_FAIL_ON_WEAKENING: 'false' });
        expect(result.code).toBe(1);
        const sarif = JSON.parse(readFileSync(path.join(repo, 'hitl.sarif'), 'utf8'));
        expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['fallback/confidence-threshold']);
    });

    test('a base the clone does not hold is a usage error, not a pass', () => {
        commitChange((t) => replaceOnce(t, 'retention 7y', 'retention 10y'));
        const result = review({ HITL_BASE: '0000000000000000000000000000000000000000' });
        expect(result.code).toBe(2);
        expect(existsSync(path.join(repo, 'summary.md'))).toBe(false);
    });
});
