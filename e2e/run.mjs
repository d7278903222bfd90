// Runs the extension end to end in a real VS Code: code-server (VS Code's server and web
// workbench, from the npm registry) opened in Debian's Chromium, driven by playwright-core.
//
//   1. builds and packages the extension (npm run package; --no-build reuses the .vsix)
//   2. prepares two throw-away workspaces from samples/ under e2e/.work/
//   3. installs the .vsix into a fresh code-server profile and starts code-server on 127.0.0.1
//   4. runs e2e/suite/index.cjs in the extension host, the way @vscode/test-electron
//      would: the workbench URL's `payload` carries extensionDevelopmentPath (extension/) and
//      extensionTestsPath; VS Code reports the result through window.codeAutomationExit(code)
//   5. UI check with the installed .vsix: opens a sample with a problem, waits for the squiggle and
//      the Problems panel entry, saves e2e/.work/artifacts/sample-with-diagnostic.png
//   6. view checks, with the installed .vsix: the graph view (e2e/views/), the rule page and the
//      walkthrough, the simulation and compliance webviews opened from the command palette, checked
//      in their frames; screenshots graph-view.png, rule-page.png, walkthrough.png,
//      simulation-view.png, compliance-view.png
//   7. render checks (e2e/render/): generated diagrams and reports opened in the same browser
//   8. stops code-server and prints 'N passed, M failed' (suite tests + UI and view checks)
//
// Usage: node_modules/.bin/node e2e/run.mjs [--verbose] [--skip-suite] [--skip-ui] [--skip-views] [--skip-render] [--keep-running] [--no-build]
// Needs code-server in the cache (bash e2e/install-code-server.sh); `npm run e2e` does both.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, createWriteStream, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM, launchBrowser } from './browser.mjs';
import { runRenderChecks } from './render/checks.mjs';
import { graphViewCheck } from './views/graph.mjs';
import { browserCheck, runCommand } from './workbench.mjs';
import { EDITED_SAMPLE, prepareWorkspace, ROOT } from './workspace.mjs';

const { values: options } = parseArgs({
    options: {
        verbose: { type: 'boolean', default: false },
        'skip-suite': { type: 'boolean', default: false },
        'skip-ui': { type: 'boolean', default: false },
        'skip-render': { type: 'boolean', default: false },
        'skip-views': { type: 'boolean', default: false },
        'keep-running': { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
    },
});

const started = Date.now();
const lap = (text) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${text}`);

const WORK = path.join(ROOT, 'e2e', '.work');
const ARTIFACTS = path.join(WORK, 'artifacts');
const STATE = path.join(WORK, 'state');
const CACHE = path.resolve(process.env.HITL_E2E_CACHE || path.join(ROOT, '.cache', 'code-server'));
const ENTRY = path.join(CACHE, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const EXTENSION_DIR = path.join(ROOT, 'extension');
const SUITE = path.join(ROOT, 'e2e', 'suite', 'index.cjs');
const SCREENSHOT = path.join(ARTIFACTS, 'sample-with-diagnostic.png');
const SUITE_TIMEOUT = Number(process.env.HITL_E2E_SUITE_TIMEOUT || 180_000);

const results = { passed: 0, failed: 0 };
const record = (ok, name, detail = '') => {
    if (ok) results.passed++;
    else results.failed++;
    lap(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
};

/** Prints the closing count and leaves it for .ci/run, which adds it to the unit-test count. */
function finish() {
    mkdirSync(WORK, { recursive: true });
    writeFileSync(path.join(WORK, 'results.json'), JSON.stringify(results) + '\n');
    console.log(`${results.passed} passed, ${results.failed} failed`);
    process.exit(results.failed === 0 && results.passed > 0 ? 0 : 1);
}

function fail(message) {
    console.error(`e2e: ${message}`);
    results.failed++;
    finish();
}

// ------------------------------------------------------------------ prerequisites

if (!existsSync(ENTRY) || !existsSync(path.join(CACHE, 'node-bin'))) fail(`code-server is not installed in ${CACHE}; run: bash e2e/install-code-server.sh`);
if (!existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM} (set CHROMIUM, or run bash e2e/install-code-server.sh)`);
const NODE = readFileSync(path.join(CACHE, 'node-bin'), 'utf8').trim();
// npm scripts and code-server run on Node 22
const PATH = `${path.dirname(NODE)}${path.delimiter}${process.env.PATH}`;

function npmRun(script) {
    lap(`npm run ${script}`);
    const t = Date.now();
    const result = spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH }, maxBuffer: 64 << 20 });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    if (result.status !== 0) {
        console.log(output);
        fail(`npm run ${script} failed`);
    }
    lap(`${output.split('\n').filter((line) => /^(package|esbuild):/.test(line)).join('; ') || 'done'} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'package.json'), 'utf8'));
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`.toLowerCase();
const VSIX = path.join(ROOT, 'dist', `${manifest.name}-${manifest.version}.vsix`);
const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
if (!options['no-build'] || !existsSync(VSIX)) {
    npmRun('package'); // builds first: the tests always see the current sources
} else {
    const inputs = ['package.json', 'dist/extension.cjs', 'dist/server.cjs', 'snippets/hitl.json', 'syntaxes/hitl.tmLanguage.json', 'language-configuration.json'];
    const stale = inputs.filter((file) => mtime(path.join(EXTENSION_DIR, file)) > mtime(VSIX));
    lap(`--no-build: using ${path.relative(ROOT, VSIX)}${stale.length ? ` (older than ${stale.join(', ')}!)` : ''}`);
}

// ------------------------------------------------------------------ workspaces and profile

rmSync(WORK, { recursive: true, force: true });
mkdirSync(ARTIFACTS, { recursive: true });
const suiteWorkspace = prepareWorkspace(path.join(WORK, 'workspace'));
const uiWorkspace = prepareWorkspace(path.join(WORK, 'workspace-ui'), { withProblem: true });

const dirs = Object.fromEntries(['home', 'config', 'data', 'cache', 'tmp', 'user-data', 'extensions'].map((name) => [name, path.join(STATE, name)]));
for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
const configFile = path.join(dirs.config, 'config.yaml');
writeFileSync(configFile, 'auth: none\n');
mkdirSync(path.join(dirs['user-data'], 'User'), { recursive: true });
writeFileSync(path.join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify({
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'window.commandCenter': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    // VS Code for the Web saves after a delay by default; the suite edits in memory and reverts.
    'files.autoSave': 'off',
}, null, 2));
// code-server and everything it starts (extension host, language server) keep their state here
const serverEnv = {
    ...process.env,
    PATH,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    TMPDIR: dirs.tmp,
};
const commonArgs = ['--config', configFile, '--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions];

// ------------------------------------------------------------------ install the .vsix

{
    const t = Date.now();
    const result = spawnSync(NODE, [ENTRY, ...commonArgs, '--force', '--install-extension', VSIX], { env: serverEnv, encoding: 'utf8' });
    const installed = readdirSync(dirs.extensions).filter((name) => name.toLowerCase().startsWith(`${EXTENSION_ID}-`));
    if (result.status !== 0 || installed.length !== 1) fail(`the .vsix did not install:\n${result.stdout}\n${result.stderr}`);
    // a precondition of the UI check (which uses the installed package), not a test of its own
    lap(`installed ${path.basename(VSIX)} as ${installed[0]} in ${Date.now() - t} ms`);
}

// ------------------------------------------------------------------ start code-server

async function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const serverLog = createWriteStream(path.join(WORK, 'code-server.log'));
const server = spawn(NODE, [
    ENTRY, ...commonArgs,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened',
], { env: serverEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
server.stdout.pipe(serverLog);
server.stderr.pipe(serverLog);
let serverExited = false;
server.on('exit', () => { serverExited = true; });

async function stopServer() {
    if (serverExited) return;
    try {
        process.kill(-server.pid, 'SIGTERM'); // its process group: the extension hosts and language servers too
    } catch { /* already gone */ }
    const end = Date.now() + 5_000;
    while (!serverExited && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    if (!serverExited) try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
}
process.on('SIGINT', async () => { await stopServer(); process.exit(130); });

{
    const t = Date.now();
    for (;;) {
        if (serverExited) fail(`code-server exited at start; see ${path.join(WORK, 'code-server.log')}`);
        try {
            const response = await fetch(`${baseUrl}/healthz`);
            if (response.ok) break;
        } catch { /* not yet */ }
        if (Date.now() - t > 60_000) { await stopServer(); fail('code-server did not answer within 60 s'); }
        await new Promise((r) => setTimeout(r, 200));
    }
    lap(`code-server ready on ${baseUrl} after ${Date.now() - t} ms (log e2e/.work/code-server.log)`);
}

// ------------------------------------------------------------------ browser

const browser = await launchBrowser(STATE);
const viewport = { width: 1400, height: 900 };
const folderUrl = (dir) => `${baseUrl}/?folder=${encodeURIComponent(dir)}`;

/** Text of a console message from the workbench, without VS Code's %c styling. */
const plain = (message) => message.text().replace(/%c/g, '').replace(/\s*color: [^ ]+/g, '').replace(/^\s*\[Extension Host\]\s*/, '').trim();

// ------------------------------------------------------------------ 1. the suite in the extension host

async function runSuite() {
    const t = Date.now();
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const remote = (file) => `vscode-remote://127.0.0.1:${port}${file}`;
    const payload = JSON.stringify([['extensionDevelopmentPath', remote(EXTENSION_DIR)], ['extensionTestsPath', remote(SUITE)]]);
    let resolveExit;
    const exited = new Promise((resolve) => { resolveExit = resolve; });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    const lines = [];
    page.on('console', (message) => {
        const text = plain(message);
        const at = text.indexOf('HITL-E2E ');
        if (at >= 0) {
            const line = text.slice(at + 'HITL-E2E '.length).split('\n')[0];
            lines.push(line);
            console.log(`  ${line}`);
        } else if (options.verbose) console.log(`  [console] ${text}`);
    });
    page.on('pageerror', (error) => options.verbose && console.log(`  [page error] ${error.message}`));
    await page.goto(`${folderUrl(suiteWorkspace.dir)}&payload=${encodeURIComponent(payload)}`);
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), SUITE_TIMEOUT))]);
    if (code !== 0) await page.screenshot({ path: path.join(ARTIFACTS, 'suite-failure.png') }).catch(() => {});
    await context.close();

    const passed = lines.filter((line) => line.startsWith('ok - ')).length;
    const failed = lines.filter((line) => line.startsWith('FAIL - ')).length;
    results.passed += passed;
    results.failed += failed;
    if (code !== 0 && failed === 0) record(false, 'extension test suite', code === 'timeout' ? `no result within ${SUITE_TIMEOUT / 1000} s` : `exit code ${code}`);
    lap(`suite: ${passed} passed, ${failed} failed, exit code ${code} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

// ------------------------------------------------------------------ 2. UI check with the installed .vsix

async function uiCheck() {
    const t = Date.now();
    const step = (text) => options.verbose && lap(`  ui: ${text}`);
    await browserCheck({ browser, viewport, record }, { name: 'UI: squiggle and Problems panel entry for a sample with a problem', screenshot: SCREENSHOT }, async (page) => {
        const row = await problemRow(page, step);
        const entry = (await row.innerText()).replace(/\s+/g, ' ').trim();
        step(`Problems panel: ${entry}`);
        // open the problem: the editor scrolls to it and draws the squiggle
        await row.dblclick();
        await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 30_000 });
        step('squiggle rendered');
        const mode = await page.locator('#status\\.editor\\.mode').innerText({ timeout: 5_000 }).catch(() => '?');
        step(`language mode ${mode}`);
        const lineNumber = await page.locator('#status\\.editor\\.selection').innerText({ timeout: 5_000 }).catch(() => '?');
        if (!/hitl/i.test(mode)) throw new Error(`language mode is '${mode}', not hitl`);
        if (!entry.includes(uiWorkspace.code)) throw new Error(`Problems panel entry '${entry}' lacks the code ${uiWorkspace.code}`);
        if (!lineNumber.includes(`Ln ${uiWorkspace.line + 1},`)) throw new Error(`cursor at '${lineNumber}', expected line ${uiWorkspace.line + 1}`);
        // show the diagnostic's hover (message, code and rule card) over the squiggle
        await page.keyboard.press('ArrowRight');
        const cursorLine = await page.locator('.monaco-editor .view-overlays .current-line').first().boundingBox().catch(() => null);
        const boxes = (await Promise.all((await page.locator('.monaco-editor .squiggly-error').all()).map((squiggle) => squiggle.boundingBox())))
            .filter(Boolean);
        const box = boxes.find((b) => cursorLine && Math.abs(b.y + b.height / 2 - (cursorLine.y + cursorLine.height / 2)) < cursorLine.height) ?? boxes[0];
        if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.locator('.monaco-hover', { hasText: uiWorkspace.message }).first().waitFor({ timeout: 10_000 })
            .then(() => step('hover shown'), () => step('no hover (screenshot without it)'));
        await page.waitForTimeout(300); // let the editor finish painting
        return `${uiWorkspace.file}:${uiWorkspace.line + 1} '${entry}' in ${((Date.now() - t) / 1000).toFixed(1)} s`;
    });
    lap(`screenshot ${path.relative(ROOT, SCREENSHOT)}`);
}

/**
 * The rule code of a problem is a link: clicked in the Problems panel, it opens the rule's page,
 * shipped with the extension, in the Markdown preview; screenshot e2e/.work/artifacts/rule-page.png.
 */
async function rulePageCheck() {
    const t = Date.now();
    await browserCheck({ browser, viewport, record }, { name: "UI: a problem's rule code opens the rule's page", screenshot: path.join(ARTIFACTS, 'rule-page.png') }, async (page) => {
        const row = await problemRow(page);
        await row.locator('a.monaco-link', { hasText: uiWorkspace.code }).first().click();
        const [, name] = uiWorkspace.code.split('/');
        await page.waitForSelector(`.tab[aria-label*="${name}.md"]`, { timeout: 30_000 });
        // The preview renders the page: its title, inside the webview's frames.
        const heading = await waitForFrameText(page, `${uiWorkspace.code}`, 30_000);
        return `${uiWorkspace.code} opened in the preview ('${heading}') in ${((Date.now() - t) / 1000).toFixed(1)} s`;
    });
}

/** Opens the UI workspace's sample with a problem and returns the problem's row in the Problems panel. */
async function problemRow(page, step = () => {}) {
    await page.goto(folderUrl(uiWorkspace.dir));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    step('workbench visible');
    const item = page.locator('.explorer-folders-view .monaco-list-row', { hasText: uiWorkspace.file }).first();
    await item.waitFor({ timeout: 60_000 });
    await item.click();
    await page.waitForSelector(`.tab[aria-label*="${uiWorkspace.file}"]`, { timeout: 30_000 });
    step('editor open');
    // the Problems panel lists the diagnostic once the language server has validated the file
    await page.keyboard.press('Control+Shift+M');
    // other samples may have problems of their own: filter the panel down to the expected one
    const filter = page.locator('.part.panel').getByPlaceholder(/^Filter/).first();
    await filter.waitFor({ timeout: 10_000 });
    await filter.fill(uiWorkspace.message);
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: uiWorkspace.message }).first();
    await row.waitFor({ timeout: 60_000 });
    return row;
}

/** The text of the first h1 holding `text` in any frame of the page (webviews nest frames). */
async function waitForFrameText(page, text, ms) {
    const end = Date.now() + ms;
    for (;;) {
        for (const frame of page.frames()) {
            const found = await frame.locator('h1', { hasText: text }).first().innerText({ timeout: 200 }).catch(() => undefined);
            if (found) return found;
        }
        if (Date.now() > end) throw new Error(`no frame shows a heading '${text}' after ${ms} ms`);
        await page.waitForTimeout(250);
    }
}

/**
 * The walkthrough (extension/package.json contributes.walkthroughs) is listed by "Welcome: Open
 * Walkthrough..." and opens on its steps; screenshot e2e/.work/artifacts/walkthrough.png.
 */
async function walkthroughCheck() {
    const t = Date.now();
    const [walkthrough] = manifest.contributes.walkthroughs;
    await browserCheck({ browser, viewport, record }, { name: 'UI: the walkthrough is listed and opens', screenshot: path.join(ARTIFACTS, 'walkthrough.png') }, async (page) => {
        await page.goto(folderUrl(uiWorkspace.dir));
        await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
        await runCommand(page, 'Welcome: Open Walkthrough');
        const listed = page.locator('.quick-input-list .monaco-list-row', { hasText: walkthrough.title }).first();
        await listed.waitFor({ timeout: 30_000 });
        await listed.click();
        // The walkthrough's page: its title and every step's title.
        const container = page.locator('.gettingStartedContainer');
        await container.getByText(walkthrough.title, { exact: true }).first().waitFor({ timeout: 30_000 });
        for (const step of walkthrough.steps) await container.getByText(step.title, { exact: true }).first().waitFor({ timeout: 10_000 });
        return `'${walkthrough.title}' listed and open with its ${walkthrough.steps.length} steps in ${((Date.now() - t) / 1000).toFixed(1)} s`;
    });
}

// ------------------------------------------------------------------ 3. the simulation and compliance views

/** The first frame (webviews are nested iframes) in which `selector` matches, within `ms`. */
async function frameWith(page, selector, ms) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
        for (const frame of page.frames()) {
            if (await frame.locator(selector).count().catch(() => 0)) return frame;
        }
        await page.waitForTimeout(250);
    }
    throw new Error(`no webview showed '${selector}' within ${ms / 1000} s`);
}

/**
 * In the suite's workspace (free of errors): "hitl: Simulate workflow" from the command palette
 * opens the view with the figures the CLI's HTML report shows for the same run, and charts;
 * "hitl: Show compliance report" lists the 40 requirements. Screenshots of both.
 */
async function viewChecks() {
    const t = Date.now();
    // A small scenario through the setting, so that the default run (10 replications) is quick.
    const scenario = 'e2e-small.scenario.yaml';
    writeFileSync(path.join(suiteWorkspace.dir, scenario), 'cases: 200\n');
    mkdirSync(path.join(suiteWorkspace.dir, '.vscode'), { recursive: true });
    writeFileSync(path.join(suiteWorkspace.dir, '.vscode', 'settings.json'), JSON.stringify({ 'hitl.simulation.scenario': scenario }));
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const command = (title) => runCommand(page, title);
    try {
        await page.goto(folderUrl(suiteWorkspace.dir));
        await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: EDITED_SAMPLE }).first().dblclick({ timeout: 60_000 });
        await page.waitForSelector(`.tab[aria-label*="${EDITED_SAMPLE}"]`, { timeout: 30_000 });
        await page.locator('.monaco-editor .view-lines').first().click(); // the commands act on the active editor's workflow

        await command('hitl: Simulate workflow');
        const view = await frameWith(page, '#sweep', 180_000);
        const charts = await view.locator('canvas').count();
        const figures = (await view.locator('section dl').first().innerText()).trim();
        const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.cjs'), 'simulate', EDITED_SAMPLE, '--workflow', 'CreditLimitIncrease', '--scenario', scenario, '--format', 'html', '-j', '1'], { cwd: suiteWorkspace.dir, encoding: 'utf8', maxBuffer: 64 << 20 });
        const report = await context.newPage();
        await report.setContent(cli.stdout.replace(/<script>[\s\S]*?<\/script>/g, ''));
        const expected = (await report.locator('section dl').first().innerText()).trim();
        await report.close();
        await page.waitForTimeout(500); // let the charts paint
        await page.screenshot({ path: path.join(ARTIFACTS, 'simulation-view.png') });
        record(charts >= 3 && figures === expected && figures.length > 0, 'simulation view: the figures of `hitl simulate -o report.html` and its charts', `${charts} charts; ${figures.split('\n')[0]}${figures === expected ? '' : ` (the CLI shows ${expected.split('\n')[0]})`}`);

        await page.locator('.monaco-editor .view-lines').first().click(); // back to the sample's editor: the view beside it took the focus
        await command('hitl: Show compliance report');
        const matrix = await frameWith(page, 'tr[data-requirement]', 60_000);
        const rows = await matrix.locator('tr[data-requirement]').count();
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(ARTIFACTS, 'compliance-view.png') });
        record(rows === 40, 'compliance view: the G01–G40 matrix', `${rows} requirements`);
    } catch (error) {
        await page.screenshot({ path: path.join(ARTIFACTS, 'views-failure.png') }).catch(() => {});
        record(false, 'simulation and compliance views', error.message.split('\n')[0]);
    } finally {
        await context.close();
        rmSync(path.join(suiteWorkspace.dir, scenario), { force: true });
        rmSync(path.join(suiteWorkspace.dir, '.vscode'), { recursive: true, force: true });
    }
    lap(`views checked in ${((Date.now() - t) / 1000).toFixed(1)} s: ${path.relative(ROOT, ARTIFACTS)}/simulation-view.png, compliance-view.png`);
}

try {
    if (!options['skip-suite']) await runSuite();
    if (!options['skip-ui']) await uiCheck();
    if (!options['skip-ui']) await graphViewCheck({ browser, viewport, url: folderUrl(uiWorkspace.dir), workspace: uiWorkspace, artifacts: ARTIFACTS, record, lap, verbose: options.verbose });
    if (!options['skip-ui']) await rulePageCheck();
    if (!options['skip-ui']) await walkthroughCheck();
    if (!options['skip-views']) await viewChecks();
    if (!options['skip-render']) await runRenderChecks({ browser, record, lap, root: ROOT, work: WORK, artifacts: ARTIFACTS });
} catch (error) {
    record(false, 'e2e runner', error.message);
} finally {
    await browser.close().catch(() => {});
    if (options['keep-running']) {
        lap(`code-server keeps running on ${baseUrl} (pid ${server.pid}); stop it with: kill -- -${server.pid}`);
    } else {
        await stopServer();
    }
}
lap(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
finish();
