// Bundles the CLI (and its worker threads), the language server and the VS Code extension into
// single CommonJS files.
// `node esbuild.mjs --watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { cpSync, readFileSync, rmSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** @type {import('esbuild').BuildOptions} */
const common = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    sourcemap: true,
    minify: !watch,
    legalComments: 'none',
    logLevel: 'warning',
    define: { HITL_VERSION: JSON.stringify(version) },
};

// The HTML simulation report inlines Chart.js's standalone build (not in the package's exports map).
const chartLibrary = readFileSync(new URL('./node_modules/chart.js/dist/chart.umd.min.js', import.meta.url), 'utf8');

const builds = [
    // tinypool finds its worker entry next to its own module, so it stays in node_modules.
    { entryPoints: ['cli/bin.ts'], outfile: 'dist/cli.cjs', external: ['tinypool'], define: { ...common.define, HITL_CHART_LIBRARY: JSON.stringify(chartLibrary) } },
    // Worker threads of simulate and check, found beside the CLI at run time (cli/worker-file.ts),
    // and the replay of the last check, which cli/hitl.cjs loads before the CLI (cli/replay.ts).
    ...['simulate-worker', 'check-worker', 'replay'].map((entry) => ({ entryPoints: [`cli/${entry}.ts`], outfile: `dist/${entry}.cjs` })),
    { entryPoints: ['server/main.ts'], outfile: 'extension/dist/server.cjs' },
    { entryPoints: ['extension/src/extension.ts'], outfile: 'extension/dist/extension.cjs', external: ['vscode'] },
    // Webview pages run in the browser: a script (and the stylesheet it imports) per view.
    { entryPoints: ['extension/webview/graph/main.ts'], outfile: 'extension/dist/webview/graph.js', platform: 'browser', format: 'iife', target: 'es2022', sourcemap: false },
    // Webview scripts run in the browser: one self-contained file each (Chart.js included), no source maps in the package.
    ...['simulation', 'compliance'].map((view) => ({ entryPoints: [`extension/webview/${view}/main.ts`], outfile: `extension/dist/webview/${view}.js`, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: false })),
];

// The extension opens rule pages offline and hands YAML editors the schemas: copies of docs/
// beside its bundles. The rule pages link to requirements.md and review.md, so those come too.
function copyExtensionDocs() {
    const docs = new URL('./extension/dist/docs/', import.meta.url);
    const schemas = new URL('./extension/dist/schemas/', import.meta.url);
    rmSync(docs, { recursive: true, force: true });
    rmSync(schemas, { recursive: true, force: true });
    cpSync(new URL('./docs/rules/', import.meta.url), new URL('rules/', docs), { recursive: true });
    for (const page of ['requirements.md', 'review.md']) cpSync(new URL(`./docs/${page}`, import.meta.url), new URL(page, docs));
    cpSync(new URL('./docs/schemas/', import.meta.url), schemas, { recursive: true });
}
copyExtensionDocs();

if (watch) {
    for (const build of builds) {
        const context = await esbuild.context({ ...common, ...build });
        await context.watch();
    }
    console.log('esbuild: watching for changes');
} else {
    const started = Date.now();
    await Promise.all(builds.map((build) => esbuild.build({ ...common, ...build })));
    console.log(`esbuild: bundled cli, workers, server, extension and webviews in ${Date.now() - started} ms`);
}
