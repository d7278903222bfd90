import { describe, expect, test } from 'vitest';
import { buildComplianceReport, hasViolations, reportFindingsOf } from '../../language/report/compliance-report.js';
import { renderJson, renderMarkdown } from '../../language/report/render.js';
import { ruleCatalogue } from '../../language/validation/registry.js';
import { buildWorkspace } from '../services.js';

async function reportOf(files: Record<string, string>) {
    const documents = await buildWorkspace(files);
    const findings = documents.flatMap(reportFindingsOf);
    return buildComplianceReport(documents, findings, ruleCatalogue, (uri) => uri.slice(uri.lastIndexOf('/') + 1));
}

const ORGANISATION = `
channel Pager {
    kind pager
}
role Underwriter {
    authority 2
    competence "Credit underwriting"
    channel Pager
}
role Lead {
    authority 3
    competence "Credit risk"
    channel Pager
}
role Head {
    authority 4
    competence "Credit policy"
    channel Pager
}
escalation FirstLine {
    to Lead via Pager within 4h
    on timeout escalate to LastLine
}
escalation LastLine {
    to Head via Pager within 1d
    on timeout deny
}
`;

const WORKFLOW = `
workflow Lending {
    start Review
    gate Review {
        reviewer Underwriter
        sla 8h
        on approve -> Done
        on reject -> Done
        on timeout escalate to FirstLine
    }
    outcome Done {
        result "decided"
    }
}
`;

describe('the compliance report', () => {
    test('counts a finding on a chain reached only by a hand-over, in another file', async () => {
        const report = await reportOf({ 'organisation.hitl': ORGANISATION, 'lending.hitl': WORKFLOW });
        const g19 = report.workflows.find((w) => w.workflow === 'Lending')!.requirements.find((r) => r.id === 'G19')!;
        expect(g19.status).toBe('violated');
        // Both chains end at Head, who has no final authority: LastLine directly, FirstLine through its hand-over.
        expect(g19.findings.map((f) => `${f.code} ${f.line}`)).toEqual(['escalation/chain-terminates 20', 'escalation/chain-terminates 24']);
        expect(report.outside).toEqual([]);
    });

    test('lists apart what no workflow uses, under its rule\'s requirements, and fails on it', async () => {
        const report = await reportOf({ 'organisation.hitl': ORGANISATION, 'lending.hitl': WORKFLOW.replace('on timeout escalate to FirstLine', 'on timeout deny') });
        expect(report.outside.map((f) => `${f.path}:${f.line} ${f.code} ${f.requirements.join(',')}`)).toEqual([
            'organisation.hitl:20 escalation/chain-terminates G19',
            'organisation.hitl:24 escalation/chain-terminates G19',
        ]);
        expect(report.workflows[0].requirements.find((r) => r.id === 'G19')?.status).not.toBe('violated');
        expect(hasViolations(report)).toBe(true);
        const markdown = renderMarkdown(report, '0.0.0');
        expect(markdown).toContain('2 findings outside every workflow: see [Outside every workflow](#outside-every-workflow).');
        expect(markdown).toContain('\n## Outside every workflow\n');
        expect(markdown).toContain('| `organisation.hitl` | 20 | G19 | ❌ violated | `escalation/chain-terminates`: Escalation \'FirstLine\'');
        expect(JSON.parse(renderJson(report, '0.0.0')).outside).toHaveLength(2);
    });

    test('a suppressed finding outside every workflow is listed with its suppression and does not fail the report', async () => {
        const organisation = ORGANISATION.replace(
            'escalation LastLine {',
            'escalation LastLine {\n    suppress "escalation/chain-terminates" {\n        reason "Head decides for good in practice"\n        approver Head\n        expires 2999-01-01\n    }',
        ).replace('    on timeout escalate to LastLine\n', '    on timeout deny\n');
        const report = await reportOf({ 'organisation.hitl': organisation, 'lending.hitl': WORKFLOW.replace('on timeout escalate to FirstLine', 'on timeout deny') });
        const lines = report.outside.map((f) => `${f.line} ${f.suppression ? 'suppressed' : 'active'}`);
        expect(lines).toEqual(['20 active', '24 suppressed']);
        const onlySuppressed = { workflows: [], outside: report.outside.filter((f) => f.suppression) };
        expect(hasViolations(onlySuppressed)).toBe(false);
        expect(renderMarkdown(onlySuppressed, '0.0.0')).toContain('⏸️ suppressed: Head decides for good in practice (approved by Head, expires 2999-01-01)');
    });

    test('a workspace with nothing outside any workflow renders no such section', async () => {
        const report = await reportOf({ 'organisation.hitl': ORGANISATION, 'lending.hitl': WORKFLOW });
        expect(renderMarkdown(report, '0.0.0')).not.toContain('Outside every workflow');
    });
});
