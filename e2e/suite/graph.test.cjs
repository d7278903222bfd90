// The graph view (hitl.showGraph): it opens with a node per step, follows edits, follows the
// editor's cursor and takes a highlight. What the webview draws and clicking a node are checked
// from the browser by e2e/graph-view.mjs. The view's state comes from the command
// hitl.graphView.state, which the extension offers for these tests.
const { assert, vscode, test, log, waitFor, openSample, revert } = require('./helpers.cjs');

const SAMPLE = 'customer-refunds.hitl';
const STEP = /^\s*(?:ai step|automated step|gate|queue|decision|effect|outcome)\s+(\w+)/;

/** The step names of the sample's workflow, read from its text. */
const stepsOf = (lines) => lines.map((text) => STEP.exec(text)).filter(Boolean).map((match) => match[1]);
const state = () => vscode.commands.executeCommand('hitl.graphView.state');
const stepNodes = (shown) => shown.nodes.filter((node) => node.kind !== 'escalation-level').map((node) => node.id);

async function showGraph() {
    const sample = await openSample(SAMPLE);
    await vscode.commands.executeCommand('hitl.showGraph');
    const steps = stepsOf(sample.lines);
    const shown = await waitFor('the graph view to show the workflow', async () => {
        const current = await state();
        return current && current.uri === sample.uri.toString() && current.nodes.length > 0 ? current : undefined;
    });
    return { ...sample, steps, shown };
}

test('graph: the view opens for a sample with a node per step of its workflow', async () => {
    const { steps, shown } = await showGraph();
    assert.ok(steps.length >= 5, `${SAMPLE} should have steps`);
    assert.deepEqual(stepNodes(shown), steps);
    assert.equal(shown.stale, false);
    log(`# graph of ${shown.workflow}: ${shown.nodes.length} nodes (${steps.length} steps), ${shown.edges} edges`);
});

test('graph: the view follows an edit that adds a step, and the revert', async () => {
    const { editor, lines, steps } = await showGraph();
    const before = (await state()).version;
    const at = lines.findIndex((text) => /^\s+outcome\s+\w+/.test(text));
    assert.ok(at > 0, `${SAMPLE} has no outcome inside its workflow`);
    try {
        await editor.edit((edit) => edit.insert(new vscode.Position(at, 0), '    outcome AddedInTheEditor\n'));
        const grown = await waitFor('the graph to show the added step', async () => {
            const current = await state();
            return stepNodes(current).includes('AddedInTheEditor') ? current : undefined;
        });
        assert.equal(stepNodes(grown).length, steps.length + 1);
        assert.ok(grown.version > before, `version ${grown.version} after ${before}`);
    } finally {
        await revert(editor);
    }
    await waitFor('the graph to drop the step again', async () => !stepNodes(await state()).includes('AddedInTheEditor'));
});

test('graph: the cursor in a step highlights its node', async () => {
    const { editor, lines } = await showGraph();
    const line = lines.findIndex((text) => /^\s*gate\s+AgentReview\b/.test(text));
    assert.ok(line > 0, 'the sample has gate AgentReview');
    const position = new vscode.Position(line + 1, 8);
    await vscode.window.showTextDocument(editor.document, { preview: false });
    editor.selection = new vscode.Selection(position, position);
    await waitFor('the node AgentReview to be selected', async () => (await state()).selected === 'AgentReview');
});

test('graph: a highlight passed to hitl.showGraph is shown, step by step', async () => {
    const { uri, shown } = await showGraph();
    const highlight = { steps: ['PrepareRequest', 'AssessRefund', 'AgentReview'], label: 'case 1', stepwise: true };
    await vscode.commands.executeCommand('hitl.showGraph', uri.toString(), shown.workflow, highlight);
    const current = await state();
    assert.deepEqual(current.highlight, highlight);
});
