// Runs the end-to-end tests of the hitl extension inside a real VS Code extension host.
//
// Contract of @vscode/test-electron's extensionTestsPath: a CommonJS module whose run()
// resolves when the tests pass and rejects when one fails. e2e/run.mjs runs it in code-server
// (through the workbench's `payload` URL parameter), e2e/electron.mjs in desktop VS Code.
// The workspace is a copy of samples/ (see e2e/workspace.mjs); the tests edit
// credit-limit-increase.hitl in memory only and revert it.
//
// Every line meant for the runner starts with 'HITL-E2E ': one 'ok - name' or 'FAIL - name'
// per test, and a closing 'N passed, M failed'.
//
// The tests live in the `*.test.cjs` files beside this one, run in file-name order.
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { tests, log } = require('./helpers.cjs');

for (const name of fs.readdirSync(__dirname).filter((file) => file.endsWith('.test.cjs')).sort()) require(path.join(__dirname, name));

// ------------------------------------------------------------------ runner

exports.run = async function run() {
    let passed = 0;
    let failed = 0;
    for (const { name, fn } of tests) {
        const started = Date.now();
        try {
            await fn();
            passed++;
            log(`ok - ${name} (${Date.now() - started} ms)`);
        } catch (error) {
            failed++;
            log(`FAIL - ${name}: ${(error && error.message) || error}`.replace(/\n/g, ' | '));
        }
    }
    // leave nothing dirty behind (a failed test may not have reverted its edit)
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
        await vscode.window.showTextDocument(document).then(() => vscode.commands.executeCommand('workbench.action.files.revert'), () => undefined);
    }
    log(`${passed} passed, ${failed} failed`);
    if (failed > 0) throw new Error(`${failed} of ${tests.length} end-to-end tests failed`);
};
