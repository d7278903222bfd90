// The Mermaid flowcharts `hitl report --format markdown` embeds, rendered by the mermaid library
// (the one GitHub uses) in a blank page: no parse error, and an SVG with a node for every step
// of the workflow (the step list read from `hitl compile`'s runtime configuration). Saves a
// screenshot of one to <artifacts>/mermaid-insurance-claims.png.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const SCREENSHOT_OF = 'insurance-claims';

function hitl(root, args) {
    const run = spawnSync(process.execPath, [path.join(root, 'cli', 'hitl.cjs'), ...args], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`hitl ${args.join(' ')} exited ${run.status}: ${run.stderr.split('\n')[0]}`);
    return run.stdout;
}

/** Each workflow section of the report: its name, its sample and its chart. */
function chartsOf(markdown) {
    return markdown
        .split(/^## /m)
        .slice(1)
        .flatMap((section) => {
            const chart = /```mermaid\n([\s\S]*?)```/.exec(section);
            const file = /`samples\/([^`]+)\.hitl`/.exec(section);
            return chart && file ? [{ workflow: section.split('\n')[0].trim(), sample: file[1], text: chart[1] }] : [];
        });
}

export default async function mermaidCharts({ browser, record, root, work, artifacts }) {
    const charts = chartsOf(hitl(root, ['report', 'samples', '--format', 'markdown']));
    const runtime = path.join(work, 'mermaid-runtime');
    rmSync(runtime, { recursive: true, force: true });
    hitl(root, ['compile', 'samples', '--out', runtime, '--format', 'json']);
    record(charts.length >= 6, 'mermaid: the Markdown report embeds a chart per sample workflow', `${charts.length} charts`);

    const page = await browser.newPage({ viewport: { width: 1600, height: 1200 }, deviceScaleFactor: 2 });
    try {
        await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#fff"><div id="chart"></div></body></html>');
        await page.addScriptTag({ path: path.join(root, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js') });
        await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default', flowchart: { useMaxWidth: false } }));
        for (const [index, chart] of charts.entries()) {
            const steps = JSON.parse(readFileSync(path.join(runtime, `${chart.workflow}.runtime.json`), 'utf8')).steps.map((step) => step.id);
            const result = await page.evaluate(
                async ({ text, id }) => {
                    try {
                        await window.mermaid.parse(text);
                        const { svg } = await window.mermaid.render(id, text);
                        document.getElementById('chart').innerHTML = svg;
                        return { nodes: [...document.querySelectorAll('#chart svg g.node')].map((node) => node.id) };
                    } catch (error) {
                        return { error: String(error?.message ?? error).split('\n').slice(0, 3).join(' ') };
                    }
                },
                { text: chart.text, id: `chart${index}` },
            );
            if (result.error) {
                record(false, `mermaid: ${chart.sample} renders`, result.error);
                continue;
            }
            const missing = steps.filter((step) => !result.nodes.some((node) => node.includes(`-s_${step}-`)));
            record(missing.length === 0, `mermaid: ${chart.sample} renders with a node per step`, missing.length === 0 ? `${steps.length} steps, ${result.nodes.length} nodes` : `no node for ${missing.join(', ')}`);
            if (chart.sample === SCREENSHOT_OF) await page.locator('#chart svg').screenshot({ path: path.join(artifacts, `mermaid-${chart.sample}.png`) });
        }
    } finally {
        await page.close();
    }
}
