// The HTML report of `hitl simulate` opened in Chromium from a file: it must draw every chart
// with the inlined Chart.js, with no error and no request leaving the page.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export default async function simulationReport({ browser, record, root, work, artifacts }) {
    const dir = path.join(work, 'render');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'simulation-credit.html');
    const node = path.join(root, 'node_modules', '.bin', 'node');
    const run = spawnSync(node, [path.join(root, 'cli', 'hitl.cjs'), 'simulate', 'samples', '--workflow', 'CreditLimitIncrease', '-n', '500', '-r', '3', '--sweep', 'Underwriter=1..4', '-o', file], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) return record(false, 'simulation report: hitl simulate -o report.html', run.stderr.trim().split('\n')[0]);

    const context = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    page.on('request', (request) => !request.url().startsWith('file:') && problems.push(`request: ${request.url()}`));
    try {
        await page.goto(pathToFileURL(file).href);
        const drawn = await page.evaluate(() => {
            const canvases = [...document.querySelectorAll('canvas')];
            // A chart that drew has an instance and non-blank pixels.
            return canvases.map((canvas) => {
                const chart = window.Chart?.getChart(canvas);
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let inked = 0;
                for (let index = 3; index < pixels.length; index += 4) if (pixels[index] > 0) inked++;
                return { id: canvas.id, chart: Boolean(chart), inked };
            });
        });
        await page.screenshot({ path: path.join(artifacts, 'simulation-report.png'), fullPage: true });
        const blank = drawn.filter((canvas) => !canvas.chart || canvas.inked < 500).map((canvas) => canvas.id);
        const ok = drawn.length >= 4 && blank.length === 0 && problems.length === 0;
        record(ok, 'simulation report: every chart drawn from the inlined library, nothing fetched', ok ? `${drawn.length} charts` : [...problems, ...(blank.length > 0 ? [`blank: ${blank.join(', ')}`] : []), `${drawn.length} canvases`].join('; '));
    } finally {
        await context.close();
    }
}
