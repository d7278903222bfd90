// Bundles the CLI, the language server and the VS Code extension into single CommonJS files.
// `node esbuild.mjs --watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

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

const builds = [
    { entryPoints: ['cli/bin.ts'], outfile: 'dist/cli.cjs' },
    { entryPoints: ['server/main.ts'], outfile: 'extension/dist/server.cjs' },
    { entryPoints: ['extension/src/extension.ts'], outfile: 'extension/dist/extension.cjs', external: ['vscode'] },
];

if (watch) {
    for (const build of builds) {
        const context = await esbuild.context({ ...common, ...build });
        await context.watch();
    }
    console.log('esbuild: watching for changes');
} else {
    const started = Date.now();
    await Promise.all(builds.map((build) => esbuild.build({ ...common, ...build })));
    console.log(`esbuild: bundled cli, server and extension in ${Date.now() - started} ms`);
}
