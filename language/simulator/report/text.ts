import { findingsOf } from './findings.js';
import { aiTable, budgetLines, headlineFigures, outcomeTable, roleTable, runLine, stationTable, sweepTable, type Table } from './sections.js';
import type { SimulationReport } from './simulation-report.js';

/** The terminal format: an analyst's summary first, then the tables. */
export function renderText(report: SimulationReport): string {
    const out: string[] = [];
    for (const simulation of report.workflows) {
        out.push(`${simulation.workflow}${simulation.title ? ` "${simulation.title}"` : ''}`);
        out.push(`  ${runLine(simulation)}; figures are means over replications ± their 95% confidence interval`, '');
        for (const finding of findingsOf(simulation)) out.push(`  • ${finding}`);
        out.push('');
        const labels = headlineFigures(simulation);
        const width = Math.max(...labels.map(([label]) => label.length));
        for (const [label, value] of labels) out.push(`  ${label.padEnd(width)}  ${value}`);
        for (const table of [stationTable(simulation), roleTable(simulation), aiTable(simulation), outcomeTable(simulation), sweepTable(simulation)]) {
            if (table && table.rows.length > 0) out.push('', ...drawTable(table));
        }
        const budgets = budgetLines(simulation);
        if (budgets.length > 0) out.push('', ...budgets.map((line) => `  ${line}`));
        out.push('');
    }
    return out.join('\n');
}

function drawTable(table: Table): string[] {
    const cells = [table.header, ...table.rows];
    const widths = table.header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
    const line = (row: readonly string[]) =>
        `    ${row.map((cell, column) => (table.numeric.includes(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ')}`.trimEnd();
    return [`  ${table.title}`, ...cells.map(line), ...(table.note ? [`  ${table.note}`] : [])];
}
