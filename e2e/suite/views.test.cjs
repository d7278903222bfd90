// The simulation view, compile and export, the compliance view and the code lenses (issue 11),
// from the extension host: each command's result against what the CLI (dist/cli.cjs) prints or
// writes for the same workspace. What the webviews draw is checked by e2e/run.mjs (viewChecks).
const { execFile } = require('node:child_process');
const os = require('node:os');
const { assert, vscode, fs, path, test, waitFor, workspaceUri, EDITED_SAMPLE } = require('./helpers.cjs');

const WORKFLOW = 'CreditLimitIncrease';
const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli.cjs');

/** `hitl …` in the workspace folder: its stdout (a failing exit code fails the test). */
function cli(args) {
    const cwd = vscode.workspace.workspaceFolders[0].uri.fsPath;
    return new Promise((resolve, reject) => {
        execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
            error ? reject(new Error(`hitl ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout));
    });
}

test('a code lens above each workflow: Graph · Simulate · Compile · N/40 requirements met, N as the compliance matrix counts', async () => {
    const uri = workspaceUri(EDITED_SAMPLE);
    await vscode.window.showTextDocument(uri);
    const lenses = await waitFor('the code lenses', async () => {
        const found = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri, 10);
        return found && found.length >= 4 && found.every((lens) => lens.command) ? found : undefined;
    });
    const compliance = await vscode.commands.executeCommand('hitl.showCompliance', uri.toString(), WORKFLOW);
    assert.equal(compliance.requirements.length, 40);
    const line = (await vscode.workspace.openTextDocument(uri)).getText().split('\n').findIndex((text) => text.startsWith(`workflow ${WORKFLOW}`));
    const above = lenses.filter((lens) => lens.range.start.line === line);
    assert.deepEqual(above.map((lens) => lens.command.title), ['Graph', 'Simulate', 'Compile', `${compliance.met}/40 requirements met`]);
    assert.deepEqual(above.map((lens) => lens.command.command), ['hitl.showGraph', 'hitl.simulate', 'hitl.compile', 'hitl.showCompliance']);
    assert.deepEqual(above[1].command.arguments, [uri.toString(), WORKFLOW]);
});

test('hitl.simulate opens the simulation view with the figures `hitl simulate --format json` prints for the same seed', async () => {
    const uri = workspaceUri(EDITED_SAMPLE);
    const result = await vscode.commands.executeCommand('hitl.simulate', uri.toString(), WORKFLOW, { cases: 60, replications: 2, seed: 5 });
    assert.ok(result, 'the simulation was refused or cancelled');
    const printed = JSON.parse(await cli(['simulate', EDITED_SAMPLE, '--workflow', WORKFLOW, '--format', 'json', '-n', '60', '-r', '2', '--seed', '5']));
    assert.deepEqual(result.report.workflows[0].summary.cycleTime, printed.workflows[0].summary.cycleTime);
    assert.deepEqual(result.report, printed);
    await waitFor('the simulation view', () => vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.label === `Simulation: ${WORKFLOW}`)));
});

test('hitl.compile writes the files and the manifest `hitl compile` writes, under hitl.output.folder', async () => {
    const written = await vscode.commands.executeCommand('hitl.compile');
    assert.ok(written, 'compile was refused');
    const folder = vscode.Uri.parse(written.folder).fsPath;
    assert.equal(path.relative(vscode.workspace.workspaceFolders[0].uri.fsPath, folder).split(path.sep).join('/'), 'build/hitl/deploy');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hitl-e2e-compile-'));
    await cli(['compile', '.', '--out', path.join(out, 'deploy')]);
    const expected = fs.readdirSync(path.join(out, 'deploy')).sort();
    assert.deepEqual(fs.readdirSync(folder).sort(), expected);
    assert.ok(expected.includes('manifest.json'));
    for (const name of expected) assert.equal(fs.readFileSync(path.join(folder, name), 'utf8'), fs.readFileSync(path.join(out, 'deploy', name), 'utf8'), name);
    // A second compile replaces the folder: nothing else beside it.
    await vscode.commands.executeCommand('hitl.compile');
    assert.deepEqual(fs.readdirSync(path.dirname(folder)), ['deploy']);
    fs.rmSync(out, { recursive: true, force: true });
});

test('hitl.exportBpmn writes one .bpmn per workflow and a manifest, as `hitl export --target bpmn`', async () => {
    const written = await vscode.commands.executeCommand('hitl.exportBpmn');
    assert.ok(written, 'export was refused');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hitl-e2e-bpmn-'));
    await cli(['export', '--target', 'bpmn', '.', '--out', path.join(out, 'bpmn')]);
    const folder = vscode.Uri.parse(written.folder).fsPath;
    for (const name of fs.readdirSync(path.join(out, 'bpmn'))) assert.equal(fs.readFileSync(path.join(folder, name), 'utf8'), fs.readFileSync(path.join(out, 'bpmn', name), 'utf8'), name);
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(path.join(vscode.workspace.workspaceFolders[0].uri.fsPath, 'build'), { recursive: true, force: true });
});
