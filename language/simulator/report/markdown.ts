import { findingsOf } from './findings.js';
import { aiTable, budgetLines, headlineFigures, outcomeTable, roleTable, runLine, stationTable, sweepTable, type Table } from './sections.js';
import type { SimulationReport } from './simulation-report.js';

/** Markdown for a pull-request comment or a job summary. */
export function renderMarkdown(report: SimulationReport): string {
    const out: string[] = ['# Simulation', ''];
    for (const simulation of report.workflows) {
        out.push(`## ${simulation.workflow}${simulation.title ? ` — ${escape(simulation.title)}` : ''}`, '');
        out.push(`${escape(runLine(simulation))}. Figures are means over replications ± their 95% confidence interval.`, '');
        for (const finding of findingsOf(simulation)) out.push(`- ${escape(finding)}`);
        out.push('');
        for (const [label, value] of headlineFigures(simulation)) out.push(`**${label}:** ${escape(value)}  `);
        for (const table of [stationTable(simulation), roleTable(simulation), aiTable(simulation), outcomeTable(simulation), sweepTable(simulation)]) {
            if (table && table.rows.length > 0) out.push('', ...drawTable(table));
        }
        const budgets = budgetLines(simulation);
        if (budgets.length > 0) out.push('', ...budgets.map((line) => `- ${escape(line)}`));
        out.push('');
    }
    return out.join('\n');
}

function drawTable(table: Table): string[] {
    const row = (cells: readonly string[]) => `| ${cells.map(escape).join(' | ')} |`;
    const rule = `|${table.header.map((_, column) => (table.numeric.includes(column) ? ' ---: ' : ' --- ')).join('|')}|`;
    return [`### ${escape(table.title)}`, '', row(table.header), rule, ...table.rows.map(row), ...(table.note ? ['', escape(table.note)] : [])];
}

/** Names and titles come from the workflow: keep them from being read as Markdown. */
function escape(text: string): string {
    return text.replace(/([\\`*_[\]|<>#])/g, '\\$1');
}
