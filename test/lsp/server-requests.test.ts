import { PassThrough } from 'node:stream';
import { EmptyFileSystem } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CompletionItem, CompletionList, InitializeResult, SelectionRange } from 'vscode-languageserver-protocol';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createHitlServices } from '../../language/lsp/lsp-module.js';

// The language server in-process, spoken to over JSON-RPC as an editor does.
let client: MessageConnection;
let capabilities: InitializeResult['capabilities'];
const uri = 'file:///ws/w.hitl';
const text = '/** Reviews applications. */\nrole Underwriter { authority 1 }\nworkflow W {\n    gate Review {\n        reviewer Under\n        sla 8h\n    }\n}\n';

beforeEach(async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    const { shared } = createHitlServices({ now: () => new Date(), connection, ...EmptyFileSystem });
    startLanguageServer(shared);
    client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.listen();
    const result = await client.sendRequest<InitializeResult>('initialize', { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
    capabilities = result.capabilities;
    await client.sendNotification('initialized', {});
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'hitl', version: 1, text } });
});

afterEach(() => {
    client.dispose();
});

describe('the language server', () => {
    test('announces selection ranges and completion item resolve', () => {
        expect(capabilities.selectionRangeProvider).toBe(true);
        expect(capabilities.completionProvider?.resolveProvider).toBe(true);
    });

    test('a refused rename arrives as an error response with its message, not as a result', async () => {
        // The cursor on 'sla' (a keyword) in line 6, then a name the grammar cannot read.
        await expect(client.sendRequest('textDocument/prepareRename', { textDocument: { uri }, position: { line: 5, character: 9 } })).rejects.toMatchObject({
            code: -32803,
            message: expect.stringContaining('Only names can be renamed'),
        });
        await expect(client.sendRequest('textDocument/rename', { textDocument: { uri }, position: { line: 1, character: 7 }, newName: '1bad name' })).rejects.toMatchObject({
            code: -32803,
            message: expect.stringContaining('is not a valid name'),
        });
    });

    test('answers textDocument/selectionRange', async () => {
        const ranges = await client.sendRequest<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: 5, character: 13 }] });
        expect(ranges).toHaveLength(1);
        expect(ranges[0].range).toEqual({ start: { line: 5, character: 12 }, end: { line: 5, character: 14 } });
        expect(ranges[0].parent?.range).toEqual({ start: { line: 5, character: 8 }, end: { line: 5, character: 14 } });
    });

    test('completes a name, then resolves its documentation', async () => {
        const list = await client.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 22 } });
        const item = list.items.find((candidate) => candidate.label === 'Underwriter')!;
        expect(item.documentation).toBeUndefined();
        const resolved = await client.sendRequest<CompletionItem>('completionItem/resolve', item);
        expect(resolved.documentation).toEqual({ kind: 'markdown', value: 'role **Underwriter**\n\nReviews applications.' });
    });

    test('a request sent right after an edit is answered for the edited text', async () => {
        const edited = `/** The new role. */\nrole Newcomer { authority 1 }\n${text}`;
        await client.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
        const hover = await client.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 8 } });
        expect(hover?.contents.value).toBe('role **Newcomer**\n\nThe new role.');
    });

    test('resolving an item it did not make returns it unchanged', async () => {
        const item = { label: 'x', data: { uri: 'file:///elsewhere.txt', path: '' } };
        expect(await client.sendRequest('completionItem/resolve', item)).toEqual(item);
    });
});
