import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hitl } from './cli.js';
import { git, sampleRepository } from './git-repository.js';
import { replaceOnce, WEAKENING_EDITS } from '../diff/sample-edits.js';

interface DiffJson {
    base: string;
    head: string;
    summary: { weakening: number; errors: number; warnings: number };
    workflows: Array<{ id: string; status: string; changes: Array<{ class: string; kind: string; code?: string; severity?: string; requirements: string[]; source?: { file: string; line: number } }> }>;
    declarations: Array<{ kind: string; before?: string; after?: string }>;
}

let repo: string;
const samplePath = (file: string) => path.join(repo, 'samples', file);

/** One commit per weakening kind on top of the samples, each tagged with its kind. */
beforeAll(() => {
    repo = sampleRepository('hitl-diff-');
    git(repo, 'tag', 'base');
    for (const edit of WEAKENING_EDITS) {
        git(repo, 'checkout', '--quiet', 'base', '--', '.');
        writeFileSync(samplePath(edit.file), edit.edit(readFileSync(samplePath(edit.file), 'utf8')));
        git(repo, 'commit', '--quiet', '-am', edit.kind);
        git(repo, 'tag', edit.kind);
    }
    git(repo, 'checkout', '--quiet', 'base', '--', '.');
    git(repo, 'commit', '--quiet', '-am', 'back to the samples');
}, 60_000);

afterAll(() => {
    if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('hitl diff between git revisions', () => {
    test.each(WEAKENING_EDITS.map((e) => [e.kind, e] as const))('a commit with %s: reported with its class, code and requirement, exit 1', (kind, edit) => {
        const run = hitl(['diff', 'base', kind, '--format', 'json', '--today', '2026-12-01'], { cwd: repo });
        expect(run.stderr).toBe('');
        expect(run.code).toBe(1);
        const report = JSON.parse(run.stdout) as DiffJson;
        expect(report).toMatchObject({ base: 'base', head: kind });
        const changes = report.workflows.flatMap((w) => w.changes);
        const found = changes.filter((c) => c.kind === kind);
        expect(found.length).toBeGreaterThan(0);
        expect(found[0]).toMatchObject({ class: 'weakening', code: `change/${kind}`, severity: 'error' });
        expect(found.flatMap((c) => c.requirements)).toContain(edit.requirement);
        expect(found[0].source?.file).toMatch(/^samples\/[a-z-]+\.hitl$/);
    });

    test('reading revisions leaves the working tree and the index as they were', () => {
        writeFileSync(samplePath('organisation.hitl'), `${readFileSync(samplePath('organisation.hitl'), 'utf8')}\n`);
        const [status, head] = [git(repo, 'status', '--porcelain'), git(repo, 'rev-parse', 'HEAD')];
        try {
            expect(hitl(['diff', 'base', 'risk-lowered'], { cwd: repo }).code).toBe(1);
            expect([git(repo, 'status', '--porcelain'), git(repo, 'rev-parse', 'HEAD')]).toEqual([status, head]);
        } finally {
            git(repo, 'checkout', '--quiet', '--', '.');
        }
    });

    test('HEAD defaults to the working tree; text names the change, its line and the verdict', () => {
        const credit = samplePath('credit-limit-increase.hitl');
        const original = readFileSync(credit, 'utf8');
        try {
            writeFileSync(credit, replaceOnce(original, 'retention 7y', 'retention 1y'));
            const run = hitl(['diff', 'base', '--today', '2026-12-01'], { cwd: repo });
            expect(run.code).toBe(1);
            expect(run.stdout).toMatch(/^CreditLimitIncrease \(changed; version 3\.1\.0, not raised; change approver AiGovernanceBoard\)\n {2}samples\/credit-limit-increase\.hitl:\d+:\d+ error change\/retention-shortened \[G27\] Audit retention shortened from 7y to 1y\.\n/);
            expect(run.stdout).toContain('base → the working tree: 1 weakening (1 error, 0 warnings), 0 strengthening, 0 neutral in 1 workflow');
        } finally {
            writeFileSync(credit, original);
        }
    });

    test('a weakening accepted by a raised version and a change approver is a warning: exit 0', () => {
        const credit = samplePath('credit-limit-increase.hitl');
        const original = readFileSync(credit, 'utf8');
        try {
            writeFileSync(credit, replaceOnce(replaceOnce(original, 'retention 7y', 'retention 1y'), 'version "3.1.0"', 'version "3.2.0"'));
            const run = hitl(['diff', 'base', '--format', 'json', '--today', '2026-12-01'], { cwd: repo });
            expect(run.code).toBe(0);
            const report = JSON.parse(run.stdout) as DiffJson;
            expect(report.summary).toMatchObject({ weakening: 1, errors: 0, warnings: 1 });
        } finally {
            writeFileSync(credit, original);
        }
    });

    test('the same revision twice: no change, exit 0, byte-identical output across runs', () => {
        const first = hitl(['diff', 'base', 'HEAD', '--format', 'markdown'], { cwd: repo });
        expect(first.code).toBe(0);
        expect(first.stdout).toContain('No weakening change.');
        expect(hitl(['diff', 'base', 'HEAD', '--format', 'markdown'], { cwd: repo }).stdout).toBe(first.stdout);
    });

    test('markdown: a summary table and each change with its before and after text', () => {
        const run = hitl(['diff', 'base', 'risk-lowered', '--format', 'markdown'], { cwd: repo });
        expect(run.stdout).toContain('| CreditLimitIncrease | changed | 3.1.0 (not raised) | AiGovernanceBoard | 1 (1 error) | 0 | 0 |');
        expect(run.stdout).toContain('- **error** `change/risk-lowered` — decision LimitDecision (G14)');
        expect(run.stdout).toContain('  ```diff\n  - risk high\n  + risk medium\n  ```');
        // HEAD's flow as a Mermaid chart, the decision whose risk changed outlined.
        expect(run.stdout).toContain('<details><summary>The flow of CreditLimitIncrease in risk-lowered, changed steps outlined</summary>\n\n```mermaid\nflowchart TD\n');
        expect(run.stdout).toMatch(/\n {4}s_LimitDecision\{"LimitDecision<br\/>[^"]*risk medium"\}\n/);
        expect(run.stdout).toContain('    classDef changed stroke:#d93025,stroke-width:4px\n    class s_LimitDecision changed\n```');
    });

    test('github annotations and SARIF put the weakening on the changed line of HEAD', () => {
        const line = readFileSync(samplePath('credit-limit-increase.hitl'), 'utf8').split('\n').findIndex((l) => l.includes('decision LimitDecision')) + 1;
        const github = hitl(['diff', 'base', 'risk-lowered', '--format', 'github'], { cwd: repo });
        expect(github.stdout).toMatch(new RegExp(`^::error file=samples/credit-limit-increase\\.hitl,line=${line},col=5,endLine=\\d+,endColumn=\\d+,title=hitl change/risk-lowered::CreditLimitIncrease: decision LimitDecision: risk lowered from high to medium\\.`));
        const sarif = JSON.parse(hitl(['diff', 'base', 'risk-lowered', '--format', 'sarif'], { cwd: repo }).stdout);
        const [result] = sarif.runs[0].results;
        expect(result).toMatchObject({ ruleId: 'change/risk-lowered', level: 'error' });
        expect(result.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'samples/credit-limit-increase.hitl' }, region: { startLine: line } });
        const rule = sarif.runs[0].tool.driver.rules[result.ruleIndex];
        expect(rule).toMatchObject({ id: 'change/risk-lowered', properties: { requirements: ['G14'] } });
        expect(rule.help.markdown).toContain('# change/risk-lowered');
    });

    test('two folders compare as two revisions', () => {
        const old = `${repo}-old`;
        cpSync(path.join(repo, 'samples'), old, { recursive: true });
        try {
            writeFileSync(path.join(old, 'credit-limit-increase.hitl'), replaceOnce(readFileSync(path.join(old, 'credit-limit-increase.hitl'), 'utf8'), '        risk high\n', '        risk critical\n'));
            const run = hitl(['diff', old, path.join(repo, 'samples'), '--format', 'json'], { cwd: repo });
            const changes = (JSON.parse(run.stdout) as DiffJson).workflows.flatMap((w) => w.changes);
            expect(changes.map((c) => [c.kind, c.severity])).toEqual([['risk-lowered', 'error']]);
        } finally {
            rmSync(old, { recursive: true, force: true });
        }
    });

    test('a name that is neither a folder nor a revision is a usage error', () => {
        const run = hitl(['diff', 'no-such-thing'], { cwd: repo });
        expect(run.code).toBe(2);
        expect(run.stderr).toContain("'no-such-thing' is neither a folder nor a commit");
    });
});
