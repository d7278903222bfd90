import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { hitl, REPO } from './cli.js';

describe('hitl rules', () => {
    test('the JSON catalogue covers every requirement G01–G40', () => {
        const run = hitl(['rules', '--format', 'json']);
        expect(run.code).toBe(0);
        const { rules } = JSON.parse(run.stdout) as { rules: Array<{ code: string; severity: string; requirements: string[]; title: string }> };
        const covered = new Set(rules.flatMap((rule) => rule.requirements));
        const all = Array.from({ length: 40 }, (_, i) => `G${String(i + 1).padStart(2, '0')}`);
        expect(all.filter((id) => !covered.has(id))).toEqual([]);
        for (const rule of rules) {
            expect(rule.code).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
            expect(['error', 'warning', 'info']).toContain(rule.severity);
            expect(rule.title.length).toBeGreaterThan(0);
        }
    });

    test('the text catalogue lists code, severity, requirements and title, one rule a line', () => {
        const run = hitl(['rules']);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^flow\/dead-end +error +G23 +Every step that is not an outcome leads somewhere$/m);
        expect(run.stdout).toMatch(/rules covering 40 of the requirements G01–G40\n$/);
    });

    test('a config file changes the severities it lists', () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'hitl-rules-'));
        writeFileSync(path.join(dir, 'hitl.config.yaml'), 'rules:\n  flow/dead-end: warning\n');
        const run = hitl(['rules', '--format', 'json', '--config', path.join(dir, 'hitl.config.yaml')]);
        const rule = (JSON.parse(run.stdout) as { rules: Array<{ code: string; severity: string; defaultSeverity: string }> }).rules.find((r) => r.code === 'flow/dead-end');
        expect(rule).toMatchObject({ severity: 'warning', defaultSeverity: 'error' });
    });
});

describe('hitl explain', () => {
    test('prints the rule page with its requirements', () => {
        const run = hitl(['explain', 'flow/dead-end']);
        expect(run.code).toBe(0);
        expect(run.stdout.startsWith('# flow/dead-end\n')).toBe(true);
        expect(run.stdout).toContain('## Write instead');
        expect(run.stdout).toContain('Requirements: G23');
    });

    test('an unknown code is a usage error that suggests close codes', () => {
        const run = hitl(['explain', 'flow/dead']);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain("no rule 'flow/dead'; did you mean flow/dead-end?");
    });
});

describe('hitl check with a config file', () => {
    test('a rule turned off no longer fails the check; a broken config entry is a config/invalid error with its position', () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'hitl-config-'));
        writeFileSync(path.join(dir, 'w.hitl'), 'workflow W {\n    version "1"\n    outcome Done {\n        result "done"\n    }\n}\n');
        const before = hitl(['check', dir, '--format', 'json']);
        const codes = (JSON.parse(before.stdout) as { files: Array<{ findings: Array<{ code: string; severity: string }> }> }).files.flatMap((f) => f.findings);
        expect(codes.some((f) => f.code === 'change/version-and-approver' && f.severity === 'error')).toBe(true);

        const offConfig = path.join(dir, 'off.yaml');
        writeFileSync(offConfig, `rules:\n${[...new Set(codes.map((f) => f.code))].map((code) => `  ${code}: off`).join('\n')}\n`);
        const after = hitl(['check', dir, '--config', offConfig]);
        expect(after.stdout).toContain('0 errors, 0 warnings');
        expect(after.code).toBe(0);

        const broken = path.join(dir, 'broken.yaml');
        writeFileSync(broken, 'rules:\n  flow/dead-end: fatal\n');
        const bad = hitl(['check', dir, '--config', broken]);
        expect(bad.code).toBe(1);
        expect(bad.stdout).toMatch(/broken\.yaml:2:18 error config\/invalid 'rules\.flow\/dead-end': a severity is one of/);
        expect(hitl(['check', dir, '--config', path.join(dir, 'missing.yaml')]).code).toBe(2);
    });
});

describe('hitl report', () => {
    const golden = path.join(REPO, 'test', 'golden', 'report-samples.md');

    test('the Markdown report on the samples matches the golden file', () => {
        const run = hitl(['report', 'samples', '--format', 'markdown', '--today', '2026-11-24']);
        expect(run.stderr).toBe('');
        if (process.env.UPDATE_GOLDEN) writeFileSync(golden, run.stdout);
        expect(run.stdout).toBe(readFileSync(golden, 'utf8'));
        expect(run.code).toBe(0);
    });

    test('the JSON report gives every workflow a status for all 40 requirements', () => {
        const run = hitl(['report', 'samples', '--format', 'json', '--today', '2026-11-24']);
        const report = JSON.parse(run.stdout) as { workflows: Array<{ workflow: string; requirements: Array<{ id: string; status: string; reason?: string }> }> };
        expect(report.workflows.length).toBeGreaterThanOrEqual(6);
        for (const workflow of report.workflows) {
            expect(workflow.requirements.map((r) => r.id)).toHaveLength(40);
            for (const row of workflow.requirements) {
                expect(['met', 'violated', 'suppressed', 'not-applicable']).toContain(row.status);
                if (row.status === 'not-applicable') expect(row.reason).toBeTruthy();
            }
        }
    });

    test('violations and suppressions show up with their codes and reasons', () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'hitl-report-'));
        writeFileSync(
            path.join(dir, 'w.hitl'),
            [
                'role Owner {',
                '    authority 3',
                '}',
                '',
                'workflow W {',
                '    suppress "change/version-and-approver" {',
                '        reason "Versioned by the release pipeline"',
                '        approver Owner',
                '        expires 2999-01-01',
                '    }',
                '    gate G {',
                '        sla 0h',
                '        on approve -> Done',
                '    }',
                '    outcome Done',
                '}',
                '',
            ].join('\n'),
        );
        const run = hitl(['report', dir, '--format', 'json']);
        expect(run.code).toBe(1);
        const rows = (JSON.parse(run.stdout) as { workflows: Array<{ requirements: Array<{ id: string; status: string; findings: Array<{ code: string }>; suppressions: Array<{ reason: string; approver: string; expires: string }> }> }> }).workflows[0].requirements;
        const g40 = rows.find((r) => r.id === 'G40')!;
        expect(g40.status).toBe('suppressed');
        expect(g40.suppressions[0]).toMatchObject({ reason: 'Versioned by the release pipeline', approver: 'Owner', expires: '2999-01-01' });
        const g18 = rows.find((r) => r.id === 'G18')!;
        expect(g18.status).toBe('violated');
        expect(g18.findings.map((f) => f.code)).toContain('escalation/timeout-required');
        expect(rows.find((r) => r.id === 'G34')).toMatchObject({ status: 'not-applicable', reason: 'no decision affects user rights' });
    });

    test('a chain that approves on timeout, handed over to in a third file, violates G01 and G18 alike', () => {
        const fixture = path.join(REPO, 'test', 'fixtures', 'rules', 'oversight', 'gate-bypass', 'chain-across-files');
        const run = hitl(['report', fixture, '--format', 'json']);
        expect(run.code).toBe(1);
        const rows = (JSON.parse(run.stdout) as { workflows: Array<{ requirements: Array<{ id: string; status: string; findings: Array<{ code: string }> }> }> }).workflows[0].requirements;
        expect(rows.find((r) => r.id === 'G01')).toMatchObject({ status: 'violated', findings: [{ code: 'oversight/gate-bypass' }] });
        // The G18 finding sits on the last chain, which the workflow reaches only through the first one.
        expect(rows.find((r) => r.id === 'G18')).toMatchObject({ status: 'violated', findings: [{ code: 'escalation/fail-closed' }] });
    });
});
