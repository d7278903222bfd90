import * as vscode from 'vscode';
import { ErrorCodes, LSPErrorCodes, RequestType, ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import { webviewPage } from './webview-page.js';

// The graph view: "hitl: Show workflow graph" opens a webview beside the editor with the
// workflow drawn by the server (`hitl/graph`), following edits as the user types. The webview
// script (extension/webview/graph/) draws the SVG; this side asks the server and moves the editor.

/** What `hitl/graph` answers (language/lsp/requests/graph.ts; the extension does not import the core). */
interface SourceRange {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly endLine: number;
    readonly endColumn: number;
}
interface GraphLayout {
    readonly workflow: string;
    readonly nodes: ReadonlyArray<{ readonly id: string; readonly kind: string; readonly source: SourceRange }>;
    readonly edges: readonly unknown[];
}
interface GraphResult {
    readonly workflows: readonly string[];
    readonly workflow?: string;
    readonly graph?: GraphLayout;
    readonly stale: boolean;
    readonly version?: number;
    readonly message?: string;
}
const GraphRequest = new RequestType<{ uri: string; workflow?: string }, GraphResult, void>('hitl/graph');

/** Steps to highlight: a path finding's path, or a simulated case's trace (`stepwise` replays it one step at a time). */
export interface Highlight {
    readonly steps: readonly string[];
    readonly label: string;
    readonly stepwise?: boolean;
}

/** The edits of a burst of typing are asked for once, this long after the last. */
const DEBOUNCE_MS = 150;

function isHighlight(value: unknown): value is Highlight {
    const candidate = value as Highlight | undefined;
    return typeof candidate === 'object' && candidate !== null && Array.isArray(candidate.steps) && candidate.steps.every((step) => typeof step === 'string') && typeof candidate.label === 'string';
}


/** An edit overtook the request: a newer answer is on its way. */
function superseded(error: unknown): boolean {
    return error instanceof ResponseError && (error.code === LSPErrorCodes.ContentModified || error.code === LSPErrorCodes.RequestCancelled || error.code === ErrorCodes.PendingResponseRejected);
}

function contains(range: SourceRange, position: vscode.Position): boolean {
    const line = position.line + 1;
    const column = position.character + 1;
    const afterStart = line > range.line || (line === range.line && column >= range.column);
    const beforeEnd = line < range.endLine || (line === range.endLine && column <= range.endColumn);
    return afterStart && beforeEnd;
}

class GraphPanel {
    private requested = 0;
    private shownRequest = 0;
    private shownVersion = -1;
    private timer: ReturnType<typeof setTimeout> | undefined;
    private result: GraphResult | undefined;
    private highlight: Highlight | undefined;
    private selected: string | undefined;
    private readonly disposables: vscode.Disposable[] = [];

    constructor(
        readonly panel: vscode.WebviewPanel,
        private readonly client: LanguageClient,
        public uri: vscode.Uri,
        public workflow: string,
        private readonly onDispose: () => void,
    ) {
        this.disposables.push(
            panel.onDidDispose(() => this.dispose()),
            panel.webview.onDidReceiveMessage((message: { type: string; id?: string; svg?: string }) => this.receive(message)),
            vscode.workspace.onDidChangeTextDocument((event) => {
                if (event.document.uri.toString() === this.uri.toString() && event.contentChanges.length > 0) this.schedule();
            }),
            vscode.window.onDidChangeTextEditorSelection((event) => this.follow(event.textEditor)),
        );
    }

    /** Shows a workflow (again): the latest answer wins, an older one never replaces a newer. */
    async show(uri: vscode.Uri, workflow: string, highlight: Highlight | undefined): Promise<void> {
        const retarget = uri.toString() !== this.uri.toString() || workflow !== this.workflow;
        this.uri = uri;
        this.workflow = workflow;
        this.highlight = highlight;
        if (retarget) {
            this.shownVersion = -1;
            this.selected = undefined;
        }
        this.panel.title = `Graph: ${workflow}`;
        await this.refresh();
        this.post({ type: 'highlight', highlight: this.highlight ?? null });
    }

    /** What the view shows, for the end-to-end tests (the `hitl.graphView.state` command). */
    state() {
        const graph = this.result?.graph;
        return {
            uri: this.uri.toString(),
            workflow: this.workflow,
            version: this.result?.version,
            stale: this.result?.stale ?? false,
            message: this.result?.message,
            nodes: graph ? graph.nodes.map((node) => ({ id: node.id, kind: node.kind })) : [],
            edges: graph ? graph.edges.length : 0,
            selected: this.selected,
            highlight: this.highlight,
        };
    }

    private schedule(): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
    }

    private async refresh(): Promise<void> {
        const request = ++this.requested;
        const uri = this.uri.toString();
        const workflow = this.workflow;
        let result: GraphResult;
        try {
            result = await this.client.sendRequest(GraphRequest, { uri, workflow });
        } catch (error) {
            if (!superseded(error)) this.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
            return;
        }
        // An answer for what the view showed before, or for an older text than the one shown, is dropped.
        if (uri !== this.uri.toString() || workflow !== this.workflow) return;
        if (request < this.shownRequest || (result.version !== undefined && result.version < this.shownVersion)) return;
        this.shownRequest = request;
        if (result.version !== undefined) this.shownVersion = result.version;
        this.result = result;
        this.post({ type: 'graph', result });
        const editor = vscode.window.activeTextEditor;
        if (editor) this.follow(editor);
    }

    private post(message: unknown): void {
        void this.panel.webview.postMessage(message);
    }

    private nodeSource(id: string | undefined): SourceRange | undefined {
        return this.result?.graph?.nodes.find((node) => node.id === id)?.source;
    }

    /** The cursor in a step of the shown workflow highlights its node. */
    private follow(editor: vscode.TextEditor): void {
        const nodes = this.result?.graph?.nodes;
        if (!nodes || editor.document.uri.toString() !== this.uri.toString()) return;
        const cursor = editor.selection.active;
        const inside = nodes.filter((node) => node.kind !== 'escalation-level' && node.source.file === this.uri.toString() && contains(node.source, cursor));
        const id = inside[0]?.id;
        if (id === this.selected) return;
        this.selected = id;
        this.post({ type: 'select', id: id ?? null });
    }

    private async receive(message: { type: string; id?: string; svg?: string }): Promise<void> {
        if (message.type === 'ready' && this.result) {
            this.post({ type: 'graph', result: this.result });
            this.post({ type: 'highlight', highlight: this.highlight ?? null });
        } else if (message.type === 'reveal') {
            await this.reveal(message.id);
        } else if (message.type === 'export' && typeof message.svg === 'string') {
            await this.export(message.svg);
        }
    }

    private async reveal(id: string | undefined): Promise<void> {
        const source = this.nodeSource(id);
        if (!source) return;
        const uri = vscode.Uri.parse(source.file);
        const open = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
        const document = await vscode.workspace.openTextDocument(uri);
        const start = new vscode.Position(source.line - 1, source.column - 1);
        const editor = await vscode.window.showTextDocument(document, { viewColumn: open?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Range(start, start) });
        editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    private async export(svg: string): Promise<void> {
        const folder = vscode.Uri.joinPath(this.uri, '..');
        const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder, `${this.workflow}.svg`), filters: { SVG: ['svg'] }, title: 'Export the workflow graph as SVG' });
        if (!target) return;
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
        const action = await vscode.window.showInformationMessage(`Saved the graph of ${this.workflow} to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
        if (action === 'Open') await vscode.commands.executeCommand('vscode.open', target);
    }

    dispose(): void {
        clearTimeout(this.timer);
        this.disposables.forEach((disposable) => disposable.dispose());
        this.disposables.length = 0;
        this.onDispose();
    }
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
    return webviewPage({ extensionUri }, webview, 'graph', 'Workflow graph', { style: 'graph.css', body: GRAPH_BODY });
}

const GRAPH_BODY = `<header class="toolbar">
  <strong id="title">Workflow graph</strong>
  <span id="stale" class="stale" hidden></span>
  <span class="spacer"></span>
  <button id="zoom-out" title="Zoom out" aria-label="Zoom out">−</button>
  <button id="zoom-in" title="Zoom in" aria-label="Zoom in">+</button>
  <button id="fit" title="Fit the graph to the view">Fit</button>
  <button id="export" title="Save the graph as an SVG file">Export as SVG</button>
</header>
<div id="replay" class="replay" hidden>
  <span id="replay-label"></span>
  <button id="previous" title="Previous step">Previous</button>
  <span id="replay-position"></span>
  <button id="next" title="Next step">Next</button>
  <button id="clear" title="Clear the highlight">Clear</button>
</div>
<main>
  <div id="canvas" class="canvas" tabindex="0" aria-label="Workflow graph: click a step to reveal it in the editor"></div>
  <aside id="findings" class="findings" hidden>
    <h2>Path findings</h2>
    <ul id="path-findings"></ul>
  </aside>
</main>`;

export function registerGraph(context: vscode.ExtensionContext, client: LanguageClient): void {
    let current: GraphPanel | undefined;
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');

    const showGraph = async (uriArg?: unknown, workflowArg?: unknown, highlightArg?: unknown) => {
        const active = vscode.window.activeTextEditor?.document.languageId === 'hitl' ? vscode.window.activeTextEditor.document.uri : undefined;
        // From the palette while the view has the focus: the file it shows.
        const uri = uriArg instanceof vscode.Uri ? uriArg : typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : (active ?? current?.uri);
        if (!uri) {
            void vscode.window.showInformationMessage('Open a .hitl file to see its workflow graph.');
            return;
        }
        let workflow = typeof workflowArg === 'string' ? workflowArg : undefined;
        if (!workflow) {
            let first: GraphResult;
            try {
                first = await client.sendRequest(GraphRequest, { uri: uri.toString() });
            } catch (error) {
                void vscode.window.showErrorMessage(`hitl: cannot draw the graph: ${error instanceof Error ? error.message : String(error)}`);
                return;
            }
            workflow = first.workflow ?? (first.workflows.length > 1 ? await vscode.window.showQuickPick([...first.workflows], { title: 'Show the graph of which workflow?' }) : first.workflows[0]);
            if (!workflow) {
                if (first.workflows.length === 0) void vscode.window.showInformationMessage(`hitl: ${first.message ?? 'The file declares no workflow.'}`);
                return;
            }
        }
        const highlight = isHighlight(highlightArg) ? highlightArg : undefined;
        if (!current) {
            const panel = vscode.window.createWebviewPanel('hitl.graph', `Graph: ${workflow}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
                enableScripts: true,
                retainContextWhenHidden: true,
                localResourceRoots: [dist],
            });
            panel.webview.html = html(panel.webview, context.extensionUri);
            current = new GraphPanel(panel, client, uri, workflow, () => (current = undefined));
        } else {
            current.panel.reveal(vscode.ViewColumn.Beside, true);
        }
        await current.show(uri, workflow, highlight);
    };

    context.subscriptions.push(
        vscode.commands.registerCommand('hitl.showGraph', showGraph),
        // For the end-to-end tests: what the open graph view shows (undefined without one). Harmless, not in the palette.
        vscode.commands.registerCommand('hitl.graphView.state', () => current?.state()),
        { dispose: () => current?.panel.dispose() },
    );
}
