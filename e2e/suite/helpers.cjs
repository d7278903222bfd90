// What every end-to-end test file shares: the test registry, waiting, opening samples, and the
// command-line checker's findings to compare with. Test files (`*.test.cjs` in this folder)
// call `test(name, fn)`; index.cjs runs them in file-name order.
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'hitl.hitl-vscode';
const EDITED_SAMPLE = 'credit-limit-increase.hitl';
const ORGANISATION = 'organisation.hitl';

const log = (text) => console.log(`HITL-E2E ${text}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a truthy value; fails with `what` after `ms`. */
async function waitFor(what, probe, ms = 30_000) {
    const end = Date.now() + ms;
    let last;
    for (;;) {
        try {
            const value = await probe();
            if (value) return value;
        } catch (error) {
            last = error;
        }
        if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${typeof what === 'function' ? what() : what}${last ? ` (last error: ${last.message})` : ''}`);
        await sleep(100);
    }
}

const workspaceUri = (name) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, name);
const codeOf = (diagnostic) => (typeof diagnostic.code === 'object' && diagnostic.code !== null ? diagnostic.code.value : diagnostic.code);
const errorsOf = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
const describe = (diagnostics) => JSON.stringify(diagnostics.map((d) => `${d.range.start.line + 1}: ${codeOf(d)} ${d.message}`));

async function openSample(name = EDITED_SAMPLE) {
    const document = await vscode.workspace.openTextDocument(workspaceUri(name));
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    return { document, editor, uri: document.uri, lines: document.getText().split(/\r?\n/) };
}

/** The index of the `sla <duration>` line of the first gate (as e2e/workspace.mjs finds it). */
function slaLineOfFirstGate(lines) {
    const gate = lines.findIndex((text) => /^\s*gate\s+\w+/.test(text));
    const sla = lines.findIndex((text, index) => index > gate && /^\s*sla\s+\d+[a-z]+\s*$/.test(text));
    assert.ok(gate >= 0 && sla >= 0, `${EDITED_SAMPLE} has no gate with an 'sla' line`);
    return sla;
}

/** Reverts the document to its content on disk and waits until it is no longer dirty. */
async function revert(editor) {
    await vscode.window.showTextDocument(editor.document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the document to be reverted', () => !editor.document.isDirty, 10_000);
}

/** `line:code` of each error diagnostic, sorted: what the tests compare. */
const errorKeys = (uri) => errorsOf(uri).map((d) => `${d.range.start.line + 1}:${codeOf(d)}`).sort();
const sameKeys = (a, b) => a.length === b.length && a.every((key, index) => key === b[index]);

/**
 * The errors the command-line checker reports for the workspace, by file name, as `line:code`;
 * undefined when the CLI bundle (dist/cli.cjs, built with the extension) is not there. The tests
 * compare the editor with it, so they hold whether or not the samples are clean today.
 */
let cliCache;
async function cliErrors() {
    if (cliCache !== undefined) return cliCache;
    const cli = path.resolve(__dirname, '..', '..', 'dist', 'cli.cjs');
    if (!fs.existsSync(cli)) return (cliCache = null);
    const folder = vscode.workspace.workspaceFolders[0].uri.fsPath;
    const stdout = await new Promise((resolve, reject) => {
        // process.execPath is Node in code-server's extension host and Electron in desktop VS Code
        execFile(process.execPath, [cli, 'check', '.', '--format', 'json'], { cwd: folder, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 64 << 20 },
            (error, out) => (out ? resolve(out) : reject(error ?? new Error('no output from the CLI'))));
    });
    const report = JSON.parse(stdout);
    cliCache = new Map();
    for (const file of report.files) {
        const errors = file.findings.filter((f) => f.severity === 'error').map((f) => `${f.region.start.line}:${f.code}`).sort();
        cliCache.set(path.basename(file.path), errors);
    }
    return cliCache;
}

/** Symbols from a DocumentSymbol tree or a flat SymbolInformation list. */
function flattenSymbols(symbols) {
    const out = [];
    const visit = (symbol, parents) => {
        out.push({ name: symbol.name, kind: symbol.kind, parents });
        for (const child of symbol.children ?? []) visit(child, [...parents, symbol.name]);
    };
    for (const symbol of symbols ?? []) visit(symbol, symbol.containerName ? [symbol.containerName] : []);
    return out;
}


const tests = [];
const test = (name, fn) => tests.push({ name, fn });

module.exports = {
    assert, vscode, fs, path, tests, test, log, sleep, waitFor, workspaceUri, codeOf, errorsOf, describe, openSample,
    slaLineOfFirstGate, revert, errorKeys, sameKeys, cliErrors, flattenSymbols, EXTENSION_ID, EDITED_SAMPLE, ORGANISATION,
};
