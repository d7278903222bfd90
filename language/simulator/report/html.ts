import { findingsOf } from './findings.js';
import { aiTable, budgetLines, headlineFigures, outcomeTable, roleTable, runLine, stationTable, sweepTable, type Table } from './sections.js';
import type { SimulationReport, WorkflowSimulation } from './simulation-report.js';
import { formatDuration } from '../units.js';

/**
 * One self-contained HTML file: the summary, the tables and the charts, with the chart library
 * inlined (the CLI passes its text in, read at build time), so the report opens anywhere with no
 * network. Charts are drawn by Chart.js from the data embedded in the page.
 */
export function renderHtml(report: SimulationReport, chartLibrary: string): string {
    const { sections, charts } = simulationSections(report);
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hitl ${escapeHtml(report.toolVersion)}">
<title>Simulation: ${escapeHtml(report.workflows.map((simulation) => simulation.workflow).join(', '))}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Simulation</h1>
${sections}
<script>${scriptText(chartLibrary)}</script>
<script>
const charts = ${jsonForScript(charts)};
${DRAW}
</script>
</body>
</html>
`;
}

/**
 * The report's sections (summary, figures, tables) as HTML with an empty canvas per chart, and
 * the charts to draw into them: the page above, and the editor's simulation view, show these.
 */
export function simulationSections(report: SimulationReport): { sections: string; charts: ChartSpec[] } {
    const charts: ChartSpec[] = [];
    const sections = report.workflows.map((simulation, index) => workflowSection(simulation, index, charts)).join('\n');
    return { sections, charts };
}

/** A chart in the page: Chart.js's configuration without the parts every chart shares. */
export interface ChartSpec {
    readonly canvas: string;
    readonly type: 'bar' | 'line';
    readonly labels: readonly string[];
    readonly datasets: ReadonlyArray<{ readonly label: string; readonly data: readonly number[] }>;
    readonly unit: '%' | 'h' | 'items';
    readonly title: string;
}

function workflowSection(simulation: WorkflowSimulation, index: number, charts: ChartSpec[]): string {
    const id = (name: string) => `w${index}-${name}`;
    const { summary } = simulation;
    const percent = (value: number) => Math.round(value * 10000) / 100;
    const stations = summary.stations;
    const canvases: string[] = [];
    const add = (spec: Omit<ChartSpec, 'canvas'>, name: string) => {
        charts.push({ ...spec, canvas: id(name) });
        canvases.push(`<figure><canvas id="${id(name)}" role="img" aria-label="${escapeHtml(spec.title)}"></canvas></figure>`);
    };
    const histogram = summary.cycleTimeHistogram.filter((bin) => bin.count > 0);
    if (histogram.length > 0) {
        add(
            {
                type: 'bar',
                title: 'Cycle time: share of cases (%) finished within',
                unit: '%',
                labels: histogram.map((bin) => (bin.upTo === null ? 'longer' : formatDuration(bin.upTo))),
                datasets: [{ label: 'cases', data: histogram.map((bin) => percent(bin.share.mean)) }],
            },
            'cycle-time',
        );
    }
    if (stations.length > 0) {
        add(
            {
                type: 'bar',
                title: 'SLA breached, per gate and queue (%)',
                unit: '%',
                labels: stations.map((station) => station.step),
                datasets: [
                    { label: 'breached', data: stations.map((station) => percent(station.breachRate.mean)) },
                    { label: `target ${percent(simulation.slaTarget)}%`, data: stations.map(() => percent(simulation.slaTarget)) },
                ],
            },
            'breaches',
        );
    }
    if (summary.roles.length > 0) {
        add(
            {
                type: 'bar',
                title: 'Utilisation, per party (%)',
                unit: '%',
                labels: summary.roles.map((role) => `${role.party} (${role.staff})`),
                datasets: [{ label: 'utilisation', data: summary.roles.map((role) => percent(role.utilisation.mean)) }],
            },
            'utilisation',
        );
        const every = summary.roles[0].backlog.every;
        const samples = Math.max(...summary.roles.map((role) => role.backlog.values.length));
        add(
            {
                type: 'line',
                title: `Items waiting, per party, every ${formatDuration(every)}`,
                unit: 'items',
                labels: Array.from({ length: samples }, (_, index) => formatDuration(index * every)),
                datasets: summary.roles.map((role) => ({ label: role.party, data: role.backlog.values.map((value) => Math.round(value.mean * 100) / 100) })),
            },
            'backlog',
        );
    }
    if (simulation.sweep) {
        const sweep = simulation.sweep;
        add(
            {
                type: 'line',
                title: `SLA breached against staffing of ${sweep.party} (%)`,
                unit: '%',
                labels: sweep.rows.map((row) => String(row.staff)),
                datasets: (sweep.rows[0]?.stations ?? []).map((station, column) => ({ label: station.step, data: sweep.rows.map((row) => percent(row.stations[column].breachRate)) })),
            },
            'sweep',
        );
    }
    const tables = [stationTable(simulation), roleTable(simulation), aiTable(simulation), outcomeTable(simulation), sweepTable(simulation)].filter((table): table is Table => table !== undefined && table.rows.length > 0);
    const budgets = budgetLines(simulation);
    return `<section>
<h2>${escapeHtml(simulation.workflow)}${simulation.title ? ` — ${escapeHtml(simulation.title)}` : ''}</h2>
<p class="run">${escapeHtml(runLine(simulation))}. Figures are means over replications ± their 95% confidence interval.</p>
<ul class="findings">${findingsOf(simulation).map((finding) => `<li>${escapeHtml(finding)}</li>`).join('')}</ul>
<dl>${headlineFigures(simulation).map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
<div class="charts">${canvases.join('\n')}</div>
${tables.map(drawTable).join('\n')}
${budgets.length > 0 ? `<ul class="budgets">${budgets.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : ''}
</section>`;
}

function drawTable(table: Table): string {
    const cell = (tag: 'th' | 'td', text: string, column: number) => `<${tag}${table.numeric.includes(column) ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
    return `<h3>${escapeHtml(table.title)}</h3>
<table><thead><tr>${table.header.map((text, column) => cell('th', text, column)).join('')}</tr></thead>
<tbody>${table.rows.map((row) => `<tr>${row.map((text, column) => cell('td', text, column)).join('')}</tr>`).join('\n')}</tbody></table>${table.note ? `\n<p>${escapeHtml(table.note)}</p>` : ''}`;
}

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1d2430; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; margin-top: 2.5rem; }
.run { color: #57606a; } .findings li { margin: .25rem 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr)); gap: 1rem; }
figure { margin: 0; border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem; height: 18rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; } th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; text-align: left; }
th { background: #f6f8fa; } .num { text-align: right; font-variant-numeric: tabular-nums; }
`;

/** Draws every chart; animation off so the page is still at once (and a screenshot is stable). */
const DRAW = `for (const spec of charts) {
  new Chart(document.getElementById(spec.canvas), {
    type: spec.type,
    data: { labels: spec.labels, datasets: spec.datasets.map((d, i) => ({ ...d, borderWidth: 1, ...(i > 0 && spec.type === 'bar' ? { type: 'line', pointRadius: 0, borderDash: [6, 4] } : {}) })) },
    options: {
      animation: false, maintainAspectRatio: false,
      plugins: { title: { display: true, text: spec.title }, legend: { display: spec.datasets.length > 1 } },
      scales: { y: { beginAtZero: true, title: { display: true, text: spec.unit } } },
    },
  });
}`;

function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** JSON inside a script element: no `</script>` or `<!--` can end it early. */
function jsonForScript(value: unknown): string {
    return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** A library's text inside a script element, with any `</script` in its strings split. */
function scriptText(source: string): string {
    return source.replace(/<\/script/gi, '<\\/script');
}
