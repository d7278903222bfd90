import { DocumentState, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEditorTestServices } from '../services.js';

// The editor publishes diagnostics as each document is validated: the file the user has open
// must come first, whatever its place in the workspace, the others after it.

const role = (name: string) => `role ${name} { authority 1 }\n`;
const workflow = (name: string, owner: string) => `workflow ${name} {\n    queue Q${name} {\n        owner ${owner}\n        raci { informed ${owner} }\n    }\n}\n`;

describe('open documents first', () => {
    test("the open file's diagnostics are published before those of the files it does not have open", async () => {
        const { shared } = createEditorTestServices();
        const uri = (name: string) => URI.parse(`file:///open-first/${name}`);
        const closed = { 'a.hitl': role('Reviewer'), 'b.hitl': workflow('B', 'Reviewer'), 'c.hitl': workflow('C', 'Missing'), 'd.hitl': role('Lead') };
        const documents = Object.entries(closed).map(([name, text]) => shared.workspace.LangiumDocumentFactory.fromString(text, uri(name)));
        // Last by name, and refers to a closed file: the builder must not take workspace order.
        const open = TextDocument.create(uri('z.hitl').toString(), 'hitl', 1, workflow('Z', 'Lead'));
        shared.workspace.TextDocuments.set(open);
        documents.push(shared.workspace.LangiumDocumentFactory.fromTextDocument(open));
        documents.forEach((document) => shared.workspace.LangiumDocuments.addDocument(document));
        const builder = shared.workspace.DocumentBuilder;
        // As the server starts: the workspace is indexed and linked without validation, then opening a file updates it.
        await builder.build(documents, {});

        const published: string[] = [];
        const listener = builder.onDocumentPhase(DocumentState.Validated, (document) => void published.push(document.uri.path.split('/').pop()!));
        await builder.update([uri('z.hitl')], []);
        listener.dispose();

        expect(published[0]).toBe('z.hitl');
        expect([...published].sort()).toEqual(['a.hitl', 'b.hitl', 'c.hitl', 'd.hitl', 'z.hitl']);
    });
});
