// The language features: activation, diagnostics as the file is edited, navigation, completion.
const {
    assert, vscode, fs, path, test, log, sleep, waitFor, workspaceUri, codeOf, errorsOf, describe, openSample,
    slaLineOfFirstGate, revert, errorKeys, sameKeys, cliErrors, flattenSymbols, EXTENSION_ID, EDITED_SAMPLE, ORGANISATION,
} = require('./helpers.cjs');


// ------------------------------------------------------------------ activation

test('opens .hitl files as language hitl and activates the extension', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
    const { document } = await openSample();
    assert.equal(document.languageId, 'hitl');
    await waitFor('the extension to activate', () => extension.isActive);
    const languages = await vscode.languages.getLanguages();
    assert.ok(languages.includes('hitl'), 'language hitl is not registered');
    log(`# extension ${extension.packageJSON.version} from ${extension.extensionPath}; VS Code ${vscode.version}; extension host Node ${process.version}`);
});

test('the language server answers: the outline lists the workflow and its steps', async () => {
    const { uri, lines } = await openSample();
    const workflow = lines.map((text) => /^\s*workflow\s+(\w+)/.exec(text)).find(Boolean)[1];
    const steps = lines
        .map((text) => /^\s*(?:ai step|automated step|gate|queue|decision|effect|outcome)\s+(\w+)/.exec(text))
        .filter(Boolean)
        .map((match) => match[1]);
    assert.ok(steps.length >= 3, 'the sample should have steps');
    const symbols = await waitFor('document symbols', async () => {
        const found = flattenSymbols(await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri));
        return found.some((symbol) => symbol.name === workflow) ? found : undefined;
    });
    const underWorkflow = symbols.filter((symbol) => symbol.parents.includes(workflow)).map((symbol) => symbol.name);
    const missing = steps.filter((step) => !underWorkflow.includes(step));
    assert.deepEqual(missing, [], `steps missing under ${workflow} in the outline: ${missing.join(', ')}`);
});

// ------------------------------------------------------------------ diagnostics

test('a clean sample has no error diagnostics', async () => {
    // normally the edited sample; while the samples are being reworked, the first sample the CLI
    // finds clean
    const cli = await cliErrors();
    const names = fs.readdirSync(vscode.workspace.workspaceFolders[0].uri.fsPath).filter((name) => name.endsWith('.hitl')).sort();
    const candidates = [EDITED_SAMPLE, ...names.filter((name) => name !== EDITED_SAMPLE && name !== ORGANISATION), ORGANISATION];
    const clean = cli ? candidates.find((name) => (cli.get(name) ?? []).length === 0) : EDITED_SAMPLE;
    assert.ok(clean, `the CLI finds errors in every sample: ${JSON.stringify(Object.fromEntries(cli))}`);
    if (clean !== EDITED_SAMPLE) log(`# ${EDITED_SAMPLE} is not clean today (CLI: ${cli.get(EDITED_SAMPLE).join(', ')}); checking ${clean}`);
    const { uri } = await openSample(clean);
    // once the server answers for the document it has built it; diagnostics follow validation,
    // so watch them for a while and require none to be an error
    await waitFor('document symbols', async () => (await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri))?.length);
    const end = Date.now() + 2_000;
    while (Date.now() < end) {
        const errors = errorsOf(uri);
        assert.deepEqual(errors.map((d) => d.message), [], `errors in ${clean}: ${describe(errors)}`);
        await sleep(100);
    }
});

test('the editor reports the same errors as the command-line checker', async () => {
    const cli = await cliErrors();
    assert.ok(cli, 'dist/cli.cjs is missing: run npm run build');
    const expected = cli.get(EDITED_SAMPLE) ?? [];
    const { uri } = await openSample();
    await waitFor(() => `the editor's errors to match the CLI's ${JSON.stringify(expected)} (editor: ${JSON.stringify(errorKeys(uri))})`,
        () => sameKeys(errorKeys(uri), expected), 15_000);
});

test("an edit to 'sla 0h' reports escalation/timeout-required, and reverting clears it", async () => {
    const { editor, uri, lines } = await openSample();
    const before = errorKeys(uri);
    const line = slaLineOfFirstGate(lines);
    const match = /(sla\s+)(\S+)/.exec(lines[line]);
    const start = match.index + match[1].length;
    await editor.edit((edit) => edit.replace(new vscode.Range(line, start, line, start + match[2].length), '0h'));
    const found = await waitFor("the diagnostic for 'sla 0h'", () =>
        vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'escalation/timeout-required' && d.range.start.line === line));
    assert.equal(found.severity, vscode.DiagnosticSeverity.Error);
    assert.match(found.message, /^Gate '\w+' has 'sla 0h', so it times out the moment an item arrives/);
    await revert(editor);
    await waitFor(() => `the errors to be back to ${JSON.stringify(before)} after the revert (now ${JSON.stringify(errorKeys(uri))})`, () => sameKeys(errorKeys(uri), before));
});

test('a route to an undeclared step reports reference/unresolved, and reverting clears it', async () => {
    const { editor, uri, lines } = await openSample();
    const before = errorKeys(uri);
    const line = slaLineOfFirstGate(lines);
    const indent = /^\s*/.exec(lines[line])[0];
    await editor.edit((edit) => edit.insert(new vscode.Position(line + 1, 0), `${indent}on edit -> NoSuchStep\n`));
    const found = await waitFor('the unresolved reference', () =>
        vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'reference/unresolved' && d.range.start.line === line + 1));
    assert.match(found.message, /NoSuchStep/);
    await revert(editor);
    await waitFor(() => `the errors to be back to ${JSON.stringify(before)} after the revert (now ${JSON.stringify(errorKeys(uri))})`, () => sameKeys(errorKeys(uri), before));
});

// ------------------------------------------------------------------ navigation and completion

test('go to definition jumps from a role reference to its declaration in organisation.hitl', async () => {
    const { uri, lines } = await openSample();
    const line = lines.findIndex((text) => /^\s*change approver\s+\w+/.test(text));
    assert.ok(line >= 0, `${EDITED_SAMPLE} has no 'change approver' line`);
    const name = /change approver\s+(\w+)/.exec(lines[line])[1];
    const column = lines[line].indexOf(name, lines[line].indexOf('approver')) + 1;
    const locations = await waitFor('a definition', async () => {
        const result = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', uri, new vscode.Position(line, column));
        return result && result.length ? result : undefined;
    });
    const target = locations[0];
    const targetUri = target.targetUri ?? target.uri;
    const targetRange = target.targetSelectionRange ?? target.targetRange ?? target.range;
    assert.equal(path.basename(targetUri.path), ORGANISATION, `${name} resolved to ${targetUri.path}`);
    const organisation = await vscode.workspace.openTextDocument(targetUri);
    const declaration = organisation.lineAt(targetRange.start.line).text;
    assert.match(declaration, new RegExp(`^\\s*(role|team)\\s+${name}\\b`), `definition line is '${declaration}'`);
});

test('completion after "reviewer" offers the roles declared in other files', async () => {
    const { uri, lines } = await openSample();
    const line = lines.findIndex((text) => /^\s*reviewer\s+\w+\s*$/.test(text));
    assert.ok(line >= 0, `${EDITED_SAMPLE} has no 'reviewer' line`);
    const column = lines[line].indexOf('reviewer') + 'reviewer '.length;
    const organisationText = (await vscode.workspace.openTextDocument(workspaceUri(ORGANISATION))).getText();
    const role = /^role\s+(\w+)/m.exec(organisationText)[1];
    const labels = await waitFor(`completion to offer ${role}`, async () => {
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, new vscode.Position(line, column));
        // snippets are offered everywhere; look at what the language server offers
        const names = list.items
            .filter((item) => item.kind !== vscode.CompletionItemKind.Snippet)
            .map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
        return names.includes(role) ? names : undefined;
    });
    assert.ok(!labels.includes('workflow'), `keywords that cannot stand there are offered: ${labels.join(', ')}`);
});

test('the workflow snippet is offered at the top level', async () => {
    const { uri, document } = await openSample();
    const position = document.lineAt(document.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, position);
    const snippet = list.items.find((item) =>
        item.kind === vscode.CompletionItemKind.Snippet && (typeof item.label === 'string' ? item.label : item.label.label) === 'workflow');
    assert.ok(snippet, 'no snippet with prefix "workflow" is offered');
});

