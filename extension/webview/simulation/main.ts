import { Chart, registerables, type ChartConfiguration } from 'chart.js';
import { simulationSections, type ChartSpec } from '../../../language/simulator/report/html.js';
import type { SimulationReport } from '../../../language/simulator/report/simulation-report.js';
import { adoptStyle, themeColour, vscodeApi } from '../shared/page.js';

// The simulation view: the sections and charts of the HTML report (`hitl simulate -o x.html`),
// drawn in the editor's theme, with a staffing sweep and a case replay that the extension runs.

Chart.register(...registerables);

interface Result {
    readonly report: SimulationReport;
    readonly parties: readonly string[];
}

const vscode = vscodeApi();
const root = document.getElementById('root')!;
let charts: Chart[] = [];

adoptStyle(`
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 1rem 2rem; }
h1 { font-size: 1.4rem; } h2 { border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); padding-bottom: .3rem; margin-top: 1.5rem; }
.run { color: var(--vscode-descriptionForeground); } .findings li { margin: .25rem 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr)); gap: 1rem; }
figure { margin: 0; border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); border-radius: 4px; padding: .5rem; height: 17rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; } th, td { border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); padding: .2rem .6rem; text-align: left; }
th { background: var(--vscode-editorWidget-background); } .num { text-align: right; font-variant-numeric: tabular-nums; }
form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .5rem 0; }
input, select { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: .2rem .4rem; }
input[type=number] { width: 5rem; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: .3rem .8rem; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); } button:disabled { opacity: .5; cursor: default; }
.tools { border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); padding: .25rem .75rem; margin-top: 1rem; }
`);

window.addEventListener('message', (event: MessageEvent<{ type: string; result?: Result }>) => {
    if (event.data.type === 'result' && event.data.result) show(event.data.result);
    if (event.data.type === 'idle') setBusy(false);
});
vscode.postMessage({ type: 'ready' });

function show(result: Result): void {
    const { sections, charts: specs } = simulationSections(result.report);
    const simulation = result.report.workflows[0];
    const cases = simulation?.cases ?? 0;
    root.innerHTML = `<h1>Simulation</h1>
<div class="tools">
<form id="sweep"><label>Sweep the staffing of <select name="party">${result.parties.map((party) => `<option>${escapeHtml(party)}</option>`).join('')}</select></label>
<label>from <input type="number" name="from" min="1" value="1" required></label><label>to <input type="number" name="to" min="1" value="8" required></label>
<button type="submit"${result.parties.length === 0 ? ' disabled' : ''}>Sweep</button></form>
<form id="replay"><label>Replay case <input type="number" name="case" min="0"${cases > 0 ? ` max="${cases - 1}"` : ''} value="0" required></label>
<button type="submit">Replay on the graph</button><span class="run">the case's steps, one at a time, in the graph view</span></form>
</div>
${sections}`;
    root.setAttribute('aria-busy', 'false');
    for (const chart of charts) chart.destroy();
    charts = specs.map(draw);
    const form = (id: string) => document.getElementById(id) as HTMLFormElement;
    form('sweep').addEventListener('submit', (event) => {
        event.preventDefault();
        const data = new FormData(form('sweep'));
        setBusy(true);
        vscode.postMessage({ type: 'sweep', party: String(data.get('party')), from: Number(data.get('from')), to: Number(data.get('to')) });
    });
    form('replay').addEventListener('submit', (event) => {
        event.preventDefault();
        vscode.postMessage({ type: 'replay', case: Number(new FormData(form('replay')).get('case')) });
    });
}

function setBusy(busy: boolean): void {
    root.setAttribute('aria-busy', String(busy));
    for (const button of document.querySelectorAll<HTMLButtonElement>('#sweep button')) button.disabled = busy;
}

/** One chart as the HTML report draws it, in the theme's colours; no animation, so the view is still at once. */
function draw(spec: ChartSpec): Chart {
    const palette = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'].map((name) => themeColour(name, '#3794ff'));
    const foreground = themeColour('--vscode-foreground', '#cccccc');
    const grid = themeColour('--vscode-editorWidget-border', 'rgba(128,128,128,.3)');
    const config: ChartConfiguration = {
        type: spec.type,
        data: {
            labels: [...spec.labels],
            datasets: spec.datasets.map((dataset, index) => ({
                label: dataset.label,
                data: [...dataset.data],
                borderWidth: 1,
                borderColor: palette[index % palette.length],
                backgroundColor: palette[index % palette.length],
                ...(index > 0 && spec.type === 'bar' ? { type: 'line' as const, pointRadius: 0, borderDash: [6, 4] } : {}),
            })),
        },
        options: {
            animation: false,
            maintainAspectRatio: false,
            color: foreground,
            plugins: { title: { display: true, text: spec.title, color: foreground }, legend: { display: spec.datasets.length > 1, labels: { color: foreground } } },
            scales: {
                x: { ticks: { color: foreground }, grid: { color: grid } },
                y: { beginAtZero: true, title: { display: true, text: spec.unit, color: foreground }, ticks: { color: foreground }, grid: { color: grid } },
            },
        },
    };
    return new Chart(document.getElementById(spec.canvas) as HTMLCanvasElement, config);
}

function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
