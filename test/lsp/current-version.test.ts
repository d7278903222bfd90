import { PassThrough } from 'node:stream';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createMessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, test } from 'vitest';
import type { HitlFile } from '../../language/generated/ast.js';
import { createHitlServices } from '../../language/lsp/lsp-module.js';
import { forCurrentVersion } from '../../language/lsp/current-version.js';

const uri = 'file:///ws/w.hitl';
const params = { textDocument: { uri } };

/** The editor opens the file and the server builds it, as on `didOpen`. */
async function open(shared: LangiumSharedServices, text: string): Promise<TextDocument> {
    const textDocument = TextDocument.create(uri, 'hitl', 1, text);
    shared.workspace.TextDocuments!.set(textDocument);
    await shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
    return textDocument;
}

/** The editor changes the text; like the real text document manager, in place. */
function edit(textDocument: TextDocument, text: string): void {
    TextDocument.update(textDocument, [{ text }], textDocument.version + 1);
}

const workflowName = (shared: LangiumSharedServices) =>
    (shared.workspace.LangiumDocuments.getDocument(URI.parse(uri)) as LangiumDocument<HitlFile>).parseResult.value.elements[0]?.name;

describe('requests are answered for the text the editor has', () => {
    test('a request for the current version is answered', async () => {
        const { shared } = createHitlServices({ ...EmptyFileSystem, now: () => new Date() });
        await open(shared, 'workflow Old { }');
        const answer = await forCurrentVersion(shared, async () => workflowName(shared))(params, new CancellationTokenSource().token);
        expect(answer).toBe('Old');
    });

    test('a request whose document changes before its answer is ready gets ContentModified', async () => {
        const { shared } = createHitlServices({ ...EmptyFileSystem, now: () => new Date() });
        const textDocument = await open(shared, 'workflow Old { }');
        const answer = await forCurrentVersion(shared, async () => {
            const name = workflowName(shared);
            edit(textDocument, 'workflow New { }');
            return name;
        })(params, new CancellationTokenSource().token);
        expect(answer).toBeInstanceOf(ResponseError);
        expect((answer as ResponseError).code).toBe(LSPErrorCodes.ContentModified);
    });

    test('a request sent right after an edit waits for the edit to be parsed and answers for the new text', async () => {
        const { shared } = createHitlServices({ ...EmptyFileSystem, now: () => new Date() });
        const textDocument = await open(shared, 'workflow Old { }');
        edit(textDocument, 'workflow New { }');
        const answer = forCurrentVersion(shared, async () => workflowName(shared))(params, new CancellationTokenSource().token);
        await shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
        expect(await answer).toBe('New');
    });

    test('a request waiting for a parse is cancelled when the client cancels it', async () => {
        const { shared } = createHitlServices({ ...EmptyFileSystem, now: () => new Date() });
        const textDocument = await open(shared, 'workflow Old { }');
        edit(textDocument, 'workflow New { }');
        const cancel = new CancellationTokenSource();
        const answer = forCurrentVersion(shared, async () => workflowName(shared))(params, cancel.token);
        cancel.cancel();
        expect(((await answer) as ResponseError<void>).code).toBe(LSPErrorCodes.RequestCancelled);
    });

    test('a request about a file the editor does not have open is answered as is', async () => {
        const { shared } = createHitlServices({ ...EmptyFileSystem, now: () => new Date() });
        const document = shared.workspace.LangiumDocumentFactory.fromString('workflow Disk { }', URI.parse(uri));
        shared.workspace.LangiumDocuments.addDocument(document);
        const answer = await forCurrentVersion(shared, async () => workflowName(shared))(params, new CancellationTokenSource().token);
        expect(answer).toBe('Disk');
    });
});

test('a request without a text document is refused as invalid, not failed with a crash', async () => {
    const { shared } = createHitlServices({ ...EmptyFileSystem, now: () => new Date() });
    for (const bad of [{}, { textDocument: {} }, { textDocument: { uri: 42 } }, null]) {
        const answer = await forCurrentVersion(shared, async () => 'answer')(bad as never, new CancellationTokenSource().token);
        expect((answer as ResponseError<void>).code, JSON.stringify(bad)).toBe(ErrorCodes.InvalidParams);
    }
});

describe('the language server connection', () => {
    const disposables: Array<() => void> = [];
    afterEach(() => disposables.splice(0).forEach((dispose) => dispose()));

    test('answers a document request with ContentModified (-32801) when the document changed meanwhile', async () => {
        const toServer = new PassThrough();
        const toClient = new PassThrough();
        const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
        const { shared } = createHitlServices({ now: () => new Date(), connection, ...EmptyFileSystem });
        const textDocument = await open(shared, 'workflow Old { }');
        connection.onHover(async () => {
            edit(textDocument, 'workflow New { }');
            return { contents: 'Old' };
        });
        connection.listen();
        const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
        client.listen();
        disposables.push(() => client.dispose(), () => connection.dispose());
        const request = client.sendRequest('textDocument/hover', { ...params, position: { line: 0, character: 10 } });
        await expect(request).rejects.toMatchObject({ code: LSPErrorCodes.ContentModified });
    });
});
