#!/usr/bin/env node
'use strict';
// `hitl` needs Node 22 or later. Started from an older Node (say, a system Node 20 outside an
// npm script), it re-runs itself on the Node 22 that the project installs.
const path = require('node:path');
const major = Number(process.versions.node.split('.')[0]);
if (major >= 22) {
    // V8 keeps the compiled bundle on disk (in the system's temporary folder): start-up halves.
    require('node:module').enableCompileCache?.();
    // A check run before with the same command, nothing it read changed since: its output again, without loading the checker.
    const { replayed } = require(path.join(__dirname, '..', 'dist', 'replay.cjs'));
    if (!replayed(process.argv.slice(2))) require(path.join(__dirname, '..', 'dist', 'cli.cjs'));
} else {
    const { spawnSync } = require('node:child_process');
    let node22;
    try {
        node22 = require.resolve('node/bin/node', { paths: [path.join(__dirname, '..')] });
    } catch {
        process.stderr.write(`hitl: needs Node.js 22 or later (this is ${process.version}); run 'npm install' in the hitl folder.\n`);
        process.exit(2);
    }
    const result = spawnSync(node22, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
    process.exit(result.status ?? 2);
}
