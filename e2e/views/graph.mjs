// Browser-side check of the graph view, with the installed .vsix: "hitl: Show workflow graph" from
// the command palette draws a node per step of the sample (counted from its text), a badge on the
// gate the UI workspace breaks (`sla 0h`), and clicking a node moves the editor's cursor to that
// step's line. Screenshot: e2e/.work/artifacts/graph-view.png.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { browserCheck, runCommand } from '../workbench.mjs';

const STEP = /^\s*(?:ai step|automated step|gate|queue|decision|effect|outcome)\s+(\w+)/;

/** Steps by name with their 0-based line, and the first gate, read from the sample's text. */
function stepsIn(file) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const steps = lines.flatMap((text, line) => {
        const match = STEP.exec(text);
        return match ? [{ name: match[1], line, gate: /^\s*gate\b/.test(text) }] : [];
    });
    return { steps, firstGate: steps.find((step) => step.gate) };
}

/** The page inside the graph view's webview (VS Code nests it in two iframes). */
function graphFrame(page) {
    return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

export async function graphViewCheck({ browser, viewport, url, workspace, artifacts, record, lap, verbose }) {
    const t = Date.now();
    const step = (text) => verbose && lap(`  graph: ${text}`);
    const screenshot = path.join(artifacts, 'graph-view.png');
    await browserCheck({ browser, viewport, record }, { name: 'graph view: a node per step, a badge on the broken gate, a click reveals the step', screenshot }, async (page) => {
        const { steps, firstGate } = stepsIn(path.join(workspace.dir, workspace.file));
        await page.goto(url);
        await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
        const item = page.locator('.explorer-folders-view .monaco-list-row', { hasText: workspace.file }).first();
        await item.waitFor({ timeout: 60_000 });
        await item.click();
        await page.waitForSelector(`.tab[aria-label*="${workspace.file}"]`, { timeout: 30_000 });
        step('editor open');
        await runCommand(page, 'hitl: Show workflow graph');
        const frame = graphFrame(page);
        const stepNodes = frame.locator('svg.hitl-graph g.node:not(.node-escalation-level)');
        await stepNodes.first().waitFor({ timeout: 60_000 });
        const drawn = await stepNodes.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id')));
        step(`drawn: ${drawn.join(', ')}`);
        const expected = steps.map((s) => s.name);
        if (JSON.stringify(drawn) !== JSON.stringify(expected)) throw new Error(`the view draws steps ${drawn.join(', ')}; the sample declares ${expected.join(', ')}`);
        const badge = frame.locator(`g.node[data-id="${firstGate.name}"] .badge-error`);
        if ((await badge.count()) !== 1) throw new Error(`gate ${firstGate.name} (sla 0h) carries no error badge`);
        // A step away from the cursor, so the move is the click's doing.
        const target = steps.filter((s) => !s.gate).at(-2);
        await frame.locator(`g.node[data-id="${target.name}"]`).click();
        const selection = page.locator('#status\\.editor\\.selection');
        await page.waitForFunction(
            (line) => document.querySelector('#status\\.editor\\.selection')?.textContent?.includes(`Ln ${line},`),
            target.line + 1,
            { timeout: 10_000 },
        ).catch(async () => {
            throw new Error(`clicking ${target.name} left the cursor at '${await selection.innerText().catch(() => '?')}', not line ${target.line + 1}`);
        });
        step(`click on ${target.name} revealed line ${target.line + 1}`);
        await page.waitForTimeout(300); // let the workbench finish painting
        return `${drawn.length} steps drawn, badge on ${firstGate.name}, click on ${target.name} → line ${target.line + 1}, in ${((Date.now() - t) / 1000).toFixed(1)} s`;
    });
    lap(`screenshot ${path.relative(process.cwd(), screenshot)}`);
}
