import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ErrorCodes, RequestType, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { compileModel } from '../../compiler/index.js';
import { compareFindings, toFinding, type FileResult } from '../../headless/check-result.js';
import { layoutGraph, workflowGraph, type GraphLayout } from '../../views/graph/index.js';
import { forCurrentVersion } from '../current-version.js';
import { parsedVersion } from '../document-versions.js';
import { referencedDocuments } from '../referenced-documents.js';

/**
 * `hitl/graph`: a workflow of a file as a laid-out graph with its findings, for the graph view.
 * Model source ranges name files by their URI, so the view can reveal a node in its file.
 */

export interface GraphParams {
    readonly uri: string;
    /** The workflow to draw; without it, the file's only workflow (a file with several answers with their names). */
    readonly workflow?: string;
}

export interface GraphResult {
    /** The workflows the file declares, in the order written. */
    readonly workflows: readonly string[];
    readonly workflow?: string;
    readonly graph?: GraphLayout;
    /** True when the file does not parse or compile now: `graph` is the last version that did. */
    readonly stale: boolean;
    /** The editor version of the file the answer is for (absent for a file the editor does not have open). */
    readonly version?: number;
    /** Why there is no graph, or why it is stale. */
    readonly message?: string;
}

export const GraphRequest = new RequestType<GraphParams, GraphResult, void>('hitl/graph');

interface Good {
    readonly workflows: readonly string[];
    readonly graph: GraphLayout;
}

/** The last graph of each workflow, by file, from a version that parsed and compiled. */
type LastGood = Map<string, Map<string, Good>>;

const display = (uri: URI) => uri.toString();

function parses(document: LangiumDocument): boolean {
    return document.parseResult.lexerErrors.length === 0 && document.parseResult.parserErrors.length === 0;
}

function findingsOf(documents: readonly LangiumDocument[]): FileResult[] {
    return documents.map((document) => {
        const path = display(document.uri);
        return { path, findings: (document.diagnostics ?? []).map((diagnostic) => toFinding(diagnostic, path, (uri) => uri)).sort(compareFindings) };
    });
}

function staleAnswer(lastGood: LastGood, uri: string, workflow: string | undefined, version: number | undefined, message: string): GraphResult {
    const kept = lastGood.get(uri);
    const good = workflow ? kept?.get(workflow) : kept?.size === 1 ? [...kept.values()][0] : undefined;
    if (!good) return { workflows: kept ? [...kept.keys()] : [], stale: true, ...(version === undefined ? {} : { version }), message };
    return { workflows: good.workflows, workflow: good.graph.workflow, graph: good.graph, stale: true, ...(version === undefined ? {} : { version }), message };
}

async function answer(shared: LangiumSharedServices, lastGood: LastGood, params: GraphParams, token: CancellationToken): Promise<GraphResult | ResponseError> {
    const uri = URI.parse(params.uri);
    await shared.workspace.WorkspaceManager.ready;
    const document = shared.workspace.LangiumDocuments.getDocument(uri);
    if (!document) return new ResponseError(ErrorCodes.InvalidParams, `${params.uri} is not a .hitl file of the workspace.`);
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri, token);
    const version = parsedVersion(document);
    if (!parses(document)) return staleAnswer(lastGood, params.uri, params.workflow, version, 'The file does not parse: showing the last version that parsed.');
    let model;
    try {
        const documents = referencedDocuments(shared, document).filter((candidate) => candidate.state >= DocumentState.Linked);
        model = compileModel(documents, { display, findings: findingsOf(documents) });
    } catch (error) {
        return staleAnswer(lastGood, params.uri, params.workflow, version, `The workspace does not compile (${error instanceof Error ? error.message : String(error)}): showing the last version that compiled.`);
    }
    const declared = model.workflows.filter((workflow) => workflow.source.file === params.uri).sort((a, b) => a.source.line - b.source.line);
    const workflows = declared.map((workflow) => workflow.id);
    const wanted = params.workflow ?? (workflows.length === 1 ? workflows[0] : undefined);
    if (!wanted) return { workflows, stale: false, ...(version === undefined ? {} : { version }), message: workflows.length === 0 ? 'The file declares no workflow.' : 'Choose one of the workflows.' };
    if (!workflows.includes(wanted)) return staleAnswer(lastGood, params.uri, wanted, version, `The file no longer declares workflow '${wanted}'.`);
    const graph = layoutGraph(workflowGraph(model, wanted)!);
    const kept = lastGood.get(params.uri) ?? new Map<string, Good>();
    for (const name of kept.keys()) if (!workflows.includes(name)) kept.delete(name);
    kept.set(wanted, { workflows, graph });
    lastGood.set(params.uri, kept);
    return { workflows, workflow: wanted, graph, stale: false, ...(version === undefined ? {} : { version }) };
}

export function registerGraphRequests(connection: Connection, shared: LangiumSharedServices): void {
    const lastGood: LastGood = new Map();
    // Answered for the editor's current text, like Langium's document requests (ContentModified when an edit overtakes it).
    const handler = forCurrentVersion(shared, (params: { textDocument: { uri: string } } & Partial<GraphParams>, token) =>
        answer(shared, lastGood, { uri: params.textDocument.uri, ...(typeof params.workflow === 'string' ? { workflow: params.workflow } : {}) }, token),
    );
    connection.onRequest(GraphRequest, (params, token) => handler({ ...params, textDocument: { uri: params?.uri } } as never, token) as Promise<GraphResult>);
}
