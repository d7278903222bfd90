// Runs the same end-to-end suite (e2e/suite/index.cjs) in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code from Microsoft's update server
// (the project's own machines cannot: there, use `npm run e2e`, which runs it in code-server).
//
// Usage: npm run build && node_modules/.bin/node e2e/electron.mjs
//   HITL_VSCODE_VERSION  VS Code version to download (default 1.117.0, the one code-server 4.117.0 embeds;
//                        'stable' or 'insiders' work too)
//   On a Linux machine without a display, run it under xvfb-run.
import { runTests } from '@vscode/test-electron';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { prepareWorkspace, ROOT } from './workspace.mjs';

const extensionDevelopmentPath = path.join(ROOT, 'extension');
if (!existsSync(path.join(extensionDevelopmentPath, 'dist', 'server.cjs'))) {
    console.error("e2e/electron: extension/dist/server.cjs is missing; run 'npm run build' first");
    process.exit(2);
}
const work = path.join(ROOT, 'e2e', '.work', 'electron');
const { dir: workspace } = prepareWorkspace(path.join(work, 'workspace'));
mkdirSync(path.join(work, 'user-data'), { recursive: true });

try {
    await runTests({
        version: process.env.HITL_VSCODE_VERSION || '1.117.0',
        cachePath: path.join(ROOT, '.cache', 'vscode-test'),
        extensionDevelopmentPath,
        extensionTestsPath: path.join(ROOT, 'e2e', 'suite', 'index.cjs'),
        launchArgs: [
            workspace,
            '--disable-extensions', // every extension but the one under development
            '--disable-workspace-trust',
            '--skip-welcome',
            '--skip-release-notes',
            '--disable-gpu',
            '--user-data-dir', path.join(work, 'user-data'),
            '--extensions-dir', path.join(work, 'extensions'),
        ],
    });
    // the suite prints its own 'HITL-E2E N passed, M failed' line
} catch (error) {
    console.error(`e2e/electron: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
}
