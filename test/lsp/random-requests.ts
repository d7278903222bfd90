import type { ServerCapabilities, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { Position, Range } from 'vscode-languageserver-types';
import type { Random } from './random-edits.js';
import type { EditingSession } from './session-driver.js';

/** What a request needs: a file, its text and a place in it, all current when the request is sent. */
export interface RequestContext {
    readonly random: Random;
    readonly session: EditingSession;
    readonly name: string;
    readonly uri: string;
    readonly text: string;
    readonly position: Position;
    readonly range: Range;
}

/** A request, and (for those returning edits) the new text of each file it changes. */
export interface RandomRequest {
    readonly method: string;
    readonly params: unknown;
    /** Edits to apply when the answer comes before any other change. */
    readonly edits?: (result: unknown) => Map<string, string>;
}

const FORMATTING = { tabSize: 4, insertSpaces: true };

/**
 * Every request the server can advertise, by capability. A capability the server advertises
 * but this table lacks fails the session, so new editor features get exercised too.
 */
const REQUESTS: Record<string, (context: RequestContext) => RandomRequest[]> = {
    completionProvider: ({ uri, position }) => [{ method: 'textDocument/completion', params: { textDocument: { uri }, position } }],
    hoverProvider: ({ uri, position }) => [{ method: 'textDocument/hover', params: { textDocument: { uri }, position } }],
    definitionProvider: ({ uri, position }) => [{ method: 'textDocument/definition', params: { textDocument: { uri }, position } }],
    typeDefinitionProvider: ({ uri, position }) => [{ method: 'textDocument/typeDefinition', params: { textDocument: { uri }, position } }],
    implementationProvider: ({ uri, position }) => [{ method: 'textDocument/implementation', params: { textDocument: { uri }, position } }],
    declarationProvider: ({ uri, position }) => [{ method: 'textDocument/declaration', params: { textDocument: { uri }, position } }],
    referencesProvider: ({ random, uri, position }) => [{ method: 'textDocument/references', params: { textDocument: { uri }, position, context: { includeDeclaration: random.next() < 0.5 } } }],
    documentHighlightProvider: ({ uri, position }) => [{ method: 'textDocument/documentHighlight', params: { textDocument: { uri }, position } }],
    documentSymbolProvider: ({ uri }) => [{ method: 'textDocument/documentSymbol', params: { textDocument: { uri } } }],
    foldingRangeProvider: ({ uri }) => [{ method: 'textDocument/foldingRange', params: { textDocument: { uri } } }],
    selectionRangeProvider: ({ uri, position }) => [{ method: 'textDocument/selectionRange', params: { textDocument: { uri }, positions: [position] } }],
    signatureHelpProvider: ({ uri, position }) => [{ method: 'textDocument/signatureHelp', params: { textDocument: { uri }, position } }],
    codeLensProvider: ({ uri }) => [{ method: 'textDocument/codeLens', params: { textDocument: { uri } } }],
    inlayHintProvider: ({ uri, range }) => [{ method: 'textDocument/inlayHint', params: { textDocument: { uri }, range } }],
    documentLinkProvider: ({ uri }) => [{ method: 'textDocument/documentLink', params: { textDocument: { uri } } }],
    semanticTokensProvider: ({ uri, range }) => [
        { method: 'textDocument/semanticTokens/full', params: { textDocument: { uri } } },
        { method: 'textDocument/semanticTokens/range', params: { textDocument: { uri }, range } },
    ],
    documentFormattingProvider: ({ name, uri, text }) => [{ method: 'textDocument/formatting', params: { textDocument: { uri }, options: FORMATTING }, edits: (result) => textEdits(name, text, result) }],
    documentRangeFormattingProvider: ({ name, uri, text, range }) => [
        { method: 'textDocument/rangeFormatting', params: { textDocument: { uri }, range, options: FORMATTING }, edits: (result) => textEdits(name, text, result) },
    ],
    documentOnTypeFormattingProvider: ({ name, uri, text, position }) => [
        { method: 'textDocument/onTypeFormatting', params: { textDocument: { uri }, position, ch: '}', options: FORMATTING }, edits: (result) => textEdits(name, text, result) },
    ],
    codeActionProvider: ({ random, session, uri, range }) => {
        // The published diagnostics in reach, as an editor sends them: the quick fixes run.
        const diagnostics = (session.server.diagnostics.get(uri) ?? []).filter(() => random.next() < 0.5);
        return [{ method: 'textDocument/codeAction', params: { textDocument: { uri }, range, context: { diagnostics } }, edits: (result) => codeActionEdits(session, result) }];
    },
    renameProvider: ({ random, session, uri, position }) => {
        const newName = random.pick(['Renamed', 'ChiefRiskOfficer', 'x', 'Review2', '1bad name', '']);
        return [
            { method: 'textDocument/prepareRename', params: { textDocument: { uri }, position } },
            { method: 'textDocument/rename', params: { textDocument: { uri }, position, newName }, edits: (result) => workspaceEditTexts(session, result as WorkspaceEdit | null) },
        ];
    },
    workspaceSymbolProvider: ({ random }) => [{ method: 'workspace/symbol', params: { query: random.pick(['', 'Risk', 'a', 'zz', 'Officer']) } }],
};

/** Capabilities that are settings rather than requests. */
const NOT_REQUESTS = new Set(['textDocumentSync', 'workspace', 'positionEncoding', 'experimental']);

/** The advertised capabilities that have no request in the table; expected empty. */
export function uncoveredCapabilities(capabilities: ServerCapabilities): string[] {
    return Object.entries(capabilities)
        .filter(([key, value]) => value !== false && value !== undefined && !NOT_REQUESTS.has(key) && !Object.hasOwn(REQUESTS, key))
        .map(([key]) => key);
}

/** Random requests among those the server advertises. */
export function randomRequests(context: RequestContext, capabilities: ServerCapabilities): RandomRequest[] {
    const advertised = Object.keys(REQUESTS).filter((key) => {
        const value = (capabilities as Record<string, unknown>)[key];
        return value !== undefined && value !== false;
    });
    return REQUESTS[context.random.pick(advertised)](context);
}

/** A random place in a text: a position and a range around it. */
export function randomPlace(random: Random, text: string): { position: Position; range: Range } {
    const a = random.int(text.length + 1);
    const b = Math.min(text.length, a + random.int(200));
    return { position: positionAt(text, a), range: { start: positionAt(text, a), end: positionAt(text, b) } };
}

function positionAt(text: string, offset: number): Position {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function offsetAt(text: string, position: Position): number {
    let offset = 0;
    for (let line = 0; line < position.line; line++) {
        const next = text.indexOf('\n', offset);
        if (next < 0) return text.length;
        offset = next + 1;
    }
    const lineEnd = text.indexOf('\n', offset);
    return Math.min(offset + position.character, lineEnd < 0 ? text.length : lineEnd);
}

/** Applies text edits (non-overlapping, as LSP requires) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
    const located = edits.map((edit) => ({ start: offsetAt(text, edit.range.start), end: offsetAt(text, edit.range.end), newText: edit.newText }));
    located.sort((a, b) => b.start - a.start || b.end - a.end);
    let result = text;
    for (const edit of located) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    return result;
}

function textEdits(name: string, text: string, result: unknown): Map<string, string> {
    return Array.isArray(result) && result.length > 0 ? new Map([[name, applyTextEdits(text, result as TextEdit[])]]) : new Map();
}

function workspaceEditTexts(session: EditingSession, edit: WorkspaceEdit | null | undefined): Map<string, string> {
    const texts = new Map<string, string>();
    const byUri = new Map(session.names.map((name) => [session.server.uri(name), name]));
    const apply = (uri: string, edits: readonly TextEdit[]) => {
        const name = byUri.get(uri);
        if (name !== undefined) texts.set(name, applyTextEdits(texts.get(name) ?? session.files.get(name)!, edits));
    };
    for (const [uri, edits] of Object.entries(edit?.changes ?? {})) apply(uri, edits);
    for (const change of edit?.documentChanges ?? []) if ('edits' in change) apply(change.textDocument.uri, change.edits as TextEdit[]);
    return texts;
}

function codeActionEdits(session: EditingSession, result: unknown): Map<string, string> {
    const actions = Array.isArray(result) ? (result as Array<{ edit?: WorkspaceEdit }>) : [];
    const withEdit = actions.find((action) => action.edit);
    return withEdit ? workspaceEditTexts(session, withEdit.edit) : new Map();
}
