// Editor polish: rule pages behind each diagnostic's code, New workflow, and hitl.config.yaml
// checked by the language server. The walkthrough is checked in the browser (e2e/run.mjs):
// the extension host cannot see what the Welcome page shows.
const { assert, vscode, test, log, waitFor, codeOf, openSample, slaLineOfFirstGate, revert, workspaceUri } = require('./helpers.cjs');

/** The tabs of every group, flattened. */
const allTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs);

async function closeTabs(predicate) {
    const tabs = allTabs().filter(predicate);
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}

test("a diagnostic's code links to the rule's page, which opens readable in the Markdown preview", async () => {
    const { editor, uri, lines } = await openSample();
    const line = slaLineOfFirstGate(lines);
    const match = /(sla\s+)(\S+)/.exec(lines[line]);
    const start = match.index + match[1].length;
    await editor.edit((edit) => edit.replace(new vscode.Range(line, start, line, start + match[2].length), '0h'));
    try {
        const found = await waitFor("the diagnostic for 'sla 0h'", () =>
            vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'escalation/timeout-required' && d.range.start.line === line));
        const target = found.code.target;
        assert.ok(target instanceof vscode.Uri, `the code has no link: ${JSON.stringify(found.code)}`);
        // A command link, which VS Code follows from the Problems panel and the hover.
        assert.equal(target.scheme, 'command');
        const args = JSON.parse(decodeURIComponent(target.query));
        assert.deepEqual(args, ['escalation/timeout-required']);

        // The hover's card links to the same page, and names no command line.
        const hoverText = await waitFor('the hover over the finding', async () => {
            const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(line, start));
            return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
        });
        assert.match(hoverText, /Read the full page of escalation\/timeout-required/);
        assert.doesNotMatch(hoverText, /hitl explain/);

        // Following the link, as VS Code's opener does: the shipped page, in the preview.
        const page = await vscode.commands.executeCommand(target.path, ...args);
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(page));
        assert.match(text, /^# escalation\/timeout-required\n/);
        assert.match(text, /\n## Why\n/);
        const preview = await waitFor('the Markdown preview of the rule page', () =>
            allTabs().find((tab) => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType) && tab.label.includes('timeout-required')));
        log(`# rule page ${page.path.split('/dist/')[1]} opened as '${preview.label}'`);
        await vscode.window.tabGroups.close(preview);
    } finally {
        await revert(editor);
    }
});

test('New workflow opens an untitled workflow that has no findings', async () => {
    const uri = await vscode.commands.executeCommand('hitl.newWorkflow', 'E2E onboarding');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.equal(editor.document.uri.scheme, 'untitled');
    assert.equal(editor.document.languageId, 'hitl');
    assert.match(editor.document.getText(), /^workflow E2EOnboarding "E2E onboarding" \{$/m);
    try {
        // The server checks it: a zero SLA is reported, and once undone nothing is left.
        const lines = editor.document.getText().split('\n');
        const line = lines.findIndex((text) => /^\s*sla 8h$/.test(text));
        const column = lines[line].indexOf('8h');
        await editor.edit((edit) => edit.replace(new vscode.Range(line, column, line, column + 2), '0h'));
        await waitFor("the diagnostic for 'sla 0h' in the new workflow", () => vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'escalation/timeout-required'));
        await editor.edit((edit) => edit.replace(new vscode.Range(line, column, line, column + 2), '8h'));
        await waitFor(() => `no findings in the new workflow (now ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => codeOf(d)))})`, () => vscode.languages.getDiagnostics(uri).length === 0);
    } finally {
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
});

test('a broken hitl.config.yaml gets its problems at the right lines, as it is edited', async () => {
    // In a folder of its own: the workspace's configuration (at its root) stays as it is.
    const folder = workspaceUri('e2e-polish');
    const file = vscode.Uri.joinPath(folder, 'hitl.config.yaml');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('profile: default\nrules:\n  flow/no-such-rule: off\n'));
    try {
        const document = await vscode.workspace.openTextDocument(file);
        const editor = await vscode.window.showTextDocument(document);
        const unknown = await waitFor('the unknown rule reported', () => vscode.languages.getDiagnostics(file).find((d) => codeOf(d) === 'config/invalid'));
        assert.equal(unknown.range.start.line, 2);
        assert.equal(unknown.range.start.character, 2);
        assert.match(unknown.message, /^unknown rule 'flow\/no-such-rule'/);
        // Unsaved edits are checked too.
        await editor.edit((edit) => edit.replace(new vscode.Range(0, 9, 0, 16), 'strict'));
        const profile = await waitFor('the bad profile reported', () => vscode.languages.getDiagnostics(file).find((d) => d.range.start.line === 0));
        assert.match(profile.message, /^'profile': a profile is one of/);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
        await vscode.workspace.fs.delete(folder, { recursive: true });
    }
});
