import type { ComplianceReport, OutsideFinding, RequirementRow, RequirementStatus, WorkflowReport } from './compliance-report.js';

const LABELS: Record<RequirementStatus, string> = {
    met: '✅ met',
    violated: '❌ violated',
    suppressed: '⏸️ suppressed',
    'not-applicable': '➖ not applicable',
};

/** Table cells cannot hold `|` or line breaks. */
function cell(text: string): string {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function detail(row: RequirementRow): string {
    switch (row.status) {
        case 'violated':
            return row.findings.map((f) => `\`${f.code}\` line ${f.line}: ${cell(f.message)}`).join('<br>');
        case 'suppressed':
            return row.suppressions.map((s) => `\`${s.code}\`: ${cell(s.reason)} (approved by ${cell(s.approver)}, expires ${s.expires})`).join('<br>');
        case 'not-applicable':
            return cell(row.reason ?? '');
        case 'met':
            return '';
    }
}

function outsideRow(finding: OutsideFinding): string {
    const status = finding.suppression
        ? `${LABELS.suppressed}: ${cell(finding.suppression.reason)} (approved by ${cell(finding.suppression.approver)}, expires ${finding.suppression.expires})`
        : LABELS.violated;
    return `| \`${finding.path}\` | ${finding.line} | ${finding.requirements.join(', ')} | ${status} | \`${finding.code}\`: ${cell(finding.message)} |`;
}

function count(workflow: WorkflowReport, status: RequirementStatus): number {
    return workflow.requirements.filter((row) => row.status === status).length;
}

/**
 * The report as GitHub-flavoured Markdown: a summary table, then one matrix per workflow, each
 * followed by the workflow's flowchart when `charts` (Mermaid text by workflow name) has one.
 */
export function renderMarkdown(report: ComplianceReport, toolVersion: string, charts: ReadonlyMap<string, string> = new Map()): string {
    const lines: string[] = [
        '# Governance compliance report',
        '',
        `Requirements G01–G40 (governance requirements list) for ${report.workflows.length} workflow${report.workflows.length === 1 ? '' : 's'}, checked by hitl ${toolVersion}.`,
        '',
        '| Workflow | File | Met | Violated | Suppressed | Not applicable |',
        '|---|---|---:|---:|---:|---:|',
    ];
    for (const workflow of report.workflows) {
        const name = `[${workflow.workflow}](#${anchor(workflow)})${workflow.version ? ` ${workflow.version}` : ''}`;
        lines.push(`| ${name} | \`${workflow.path}\` | ${count(workflow, 'met')} | ${count(workflow, 'violated')} | ${count(workflow, 'suppressed')} | ${count(workflow, 'not-applicable')} |`);
    }
    if (report.outside.length > 0) lines.push('', `${report.outside.length} finding${report.outside.length === 1 ? '' : 's'} outside every workflow: see [Outside every workflow](#outside-every-workflow).`);
    for (const workflow of report.workflows) {
        lines.push('', `## ${workflow.workflow}`, '', `\`${workflow.path}\`${workflow.version ? ` · version ${workflow.version}` : ''}`, '', '| Requirement | Status | Detail |', '|---|---|---|');
        for (const row of workflow.requirements) {
            lines.push(`| **${row.id}** ${cell(row.title)} | ${LABELS[row.status]} | ${detail(row)} |`);
        }
        const chart = charts.get(workflow.workflow);
        if (chart) lines.push('', '```mermaid', chart.trimEnd(), '```');
    }
    if (report.outside.length > 0) {
        lines.push(
            '',
            '## Outside every workflow',
            '',
            'Findings on declarations that no workflow in the report uses: which workflow they would concern cannot be told, so they are listed here, each under the requirements its rule enforces.',
            '',
            '| File | Line | Requirements | Status | Finding |',
            '|---|---:|---|---|---|',
        );
        for (const finding of report.outside) lines.push(outsideRow(finding));
    }
    return lines.join('\n') + '\n';
}

/** GitHub's heading anchors: lower case, spaces to hyphens, punctuation dropped. */
function anchor(workflow: WorkflowReport): string {
    return workflow.workflow.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

export const REPORT_FORMAT_VERSION = 1;

export function renderJson(report: ComplianceReport, toolVersion: string): string {
    return JSON.stringify({ version: REPORT_FORMAT_VERSION, tool: { name: 'hitl', version: toolVersion }, ...report }, null, 2) + '\n';
}
