import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError, type Connection, type Disposable } from 'vscode-languageserver';
import { parsedVersion } from './document-versions.js';

type DocumentRequestHandler = (params: { textDocument: { uri: string } }, token: CancellationToken, ...rest: never[]) => unknown;

/** The document requests Langium answers, by the connection method that registers each. */
const DOCUMENT_REQUESTS = [
    'onCompletion',
    'onHover',
    'onDefinition',
    'onDeclaration',
    'onTypeDefinition',
    'onImplementation',
    'onReferences',
    'onDocumentHighlight',
    'onDocumentSymbol',
    'onCodeAction',
    'onCodeLens',
    'onDocumentLinks',
    'onDocumentFormatting',
    'onDocumentRangeFormatting',
    'onDocumentOnTypeFormatting',
    'onRenameRequest',
    'onPrepareRename',
    'onFoldingRanges',
    'onSelectionRanges',
    'onSignatureHelp',
] as const;

/**
 * Makes every document request registered on the connection from now on answer for the
 * editor's current text: a request waits until the editor's latest change is parsed, and
 * when the text changes again before its answer is ready, it is answered with
 * ContentModified, as the LSP asks, instead of ranges into text the editor no longer has.
 * Call before Langium registers its handlers (`startLanguageServer`).
 */
export function answerForCurrentVersion(connection: Connection, shared: LangiumSharedServices): void {
    const target = connection as unknown as Record<string, (handler: DocumentRequestHandler) => Disposable>;
    for (const method of DOCUMENT_REQUESTS) {
        const register = target[method].bind(connection);
        target[method] = (handler) => register(forCurrentVersion(shared, handler));
    }
    const tokens = connection.languages.semanticTokens as unknown as Record<'on' | 'onDelta' | 'onRange', (handler: DocumentRequestHandler) => Disposable>;
    for (const method of ['on', 'onDelta', 'onRange'] as const) {
        const register = tokens[method].bind(connection.languages.semanticTokens);
        tokens[method] = (handler) => register(forCurrentVersion(shared, handler));
    }
}

/** One request handler, answering for the editor's current text or with ContentModified. */
export function forCurrentVersion(shared: LangiumSharedServices, handler: DocumentRequestHandler): DocumentRequestHandler {
    return async (params: { textDocument: { uri: string } }, token: CancellationToken, ...rest: never[]) => {
        const uri: unknown = params?.textDocument?.uri;
        if (typeof uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'The request names no text document (textDocument.uri).');
        const version = editorVersion(shared, uri);
        // Files the editor does not have open cannot be out of date with it, and files that are
        // not hitl (the YAML files) have no parse to wait for.
        if (version === undefined || !shared.ServiceRegistry.hasServices(URI.parse(uri))) return handler(params, token, ...rest);
        await parsed(shared, uri, version, token);
        if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request has been cancelled.');
        const result = await handler(params, token, ...rest);
        if (result instanceof ResponseError) return result;
        if (editorVersion(shared, uri) !== version || builtVersion(shared, uri) !== version) {
            return new ResponseError(LSPErrorCodes.ContentModified, 'The document changed while the request was being answered.');
        }
        return result;
    };
}

function editorVersion(shared: LangiumSharedServices, uri: string): number | undefined {
    return shared.workspace.TextDocuments?.get(uri)?.version;
}

function builtVersion(shared: LangiumSharedServices, uri: string): number | undefined {
    const document = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
    return document && parsedVersion(document);
}

/**
 * Resolves once the document's tree is parsed from (at least) the given editor version, or the
 * request is cancelled. An editor change always schedules that parse, so this does not wait
 * for something that never comes; a new document is parsed from the editor's text when
 * Langium first reads it.
 */
function parsed(shared: LangiumSharedServices, uri: string, version: number, token: CancellationToken): Promise<void> {
    const current = () => {
        const document = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
        const built = document && parsedVersion(document);
        return !document || (built !== undefined && built >= version);
    };
    if (current()) return Promise.resolve();
    return new Promise((resolve) => {
        const done = () => {
            phase.dispose();
            cancel.dispose();
            resolve();
        };
        const phase = shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Parsed, () => {
            if (current()) done();
        });
        const cancel = token.onCancellationRequested(done);
    });
}
