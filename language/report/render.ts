import type { ComplianceReport, RequirementRow, RequirementStatus, WorkflowReport } from './compliance-report.js';

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

function count(workflow: WorkflowReport, status: RequirementStatus): number {
    return workflow.requirements.filter((row) => row.status === status).length;
}

/** The report as GitHub-flavoured Markdown: a summary table, then one matrix per workflow. */
export function renderMarkdown(report: ComplianceReport, toolVersion: string): string {
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
    for (const workflow of report.workflows) {
        lines.push('', `## ${workflow.workflow}`, '', `\`${workflow.path}\`${workflow.version ? ` · version ${workflow.version}` : ''}`, '', '| Requirement | Status | Detail |', '|---|---|---|');
        for (const row of workflow.requirements) {
            lines.push(`| **${row.id}** ${cell(row.title)} | ${LABELS[row.status]} | ${detail(row)} |`);
        }
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
