import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import type { Position, Range } from 'vscode-languageserver-types';
import { beforeAll, describe, expect, test } from 'vitest';
import { createHitlServices } from '../../language/lsp/lsp-module.js';
import { selectionRanges } from '../../language/lsp/selection-range.js';

const text = 'role R { authority 1 }\nworkflow W {\n    gate G {\n        reviewer R\n        on approve -> Done\n    }\n    outcome Done\n}\n';

let services: ReturnType<typeof createHitlServices>;
let document: LangiumDocument;

beforeAll(async () => {
    services = createHitlServices({ ...EmptyFileSystem, now: () => new Date() });
    document = await parseHelper(services.Hitl)(text, { documentUri: 'file:///ws/w.hitl', validation: true });
});

const positions: Position[] = [
    { line: 9999, character: 0 },
    { line: 3, character: 9999 },
    { line: 9999, character: 9999 },
    { line: -1, character: -1 },
    { line: 0, character: Number.MAX_SAFE_INTEGER },
];

/** Every range anywhere in an answer, however deeply nested. */
function rangesIn(value: unknown, found: Range[] = []): Range[] {
    if (Array.isArray(value)) value.forEach((item) => rangesIn(item, found));
    else if (value && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        const start = record.start as Position | undefined;
        if (start && typeof start.line === 'number' && record.end) found.push(value as Range);
        else Object.values(record).forEach((item) => rangesIn(item, found));
    }
    return found;
}

function expectInside(answer: unknown) {
    const { textDocument } = document;
    for (const range of rangesIn(answer)) {
        for (const position of [range.start, range.end]) {
            expect(textDocument.positionAt(textDocument.offsetAt(position)), `${JSON.stringify(position)} is outside the text`).toEqual(position);
        }
    }
}

describe.each(positions)('requests at %o', (position) => {
    const textDocument = () => ({ uri: document.uri.toString() });
    const lsp = () => services.Hitl.lsp;

    test('hover, definition, references and highlight answer without failing, inside the text', async () => {
        expectInside(await lsp().HoverProvider!.getHoverContent(document, { textDocument: textDocument(), position }));
        expectInside(await lsp().DefinitionProvider!.getDefinition(document, { textDocument: textDocument(), position }));
        expectInside(await lsp().ReferencesProvider!.findReferences(document, { textDocument: textDocument(), position, context: { includeDeclaration: true } }));
        expectInside(await lsp().DocumentHighlightProvider!.getDocumentHighlight(document, { textDocument: textDocument(), position }));
    });

    test('completion and selection ranges stay inside the text', async () => {
        expectInside(await lsp().CompletionProvider!.getCompletion(document, { textDocument: textDocument(), position }));
        expectInside(selectionRanges(document, [position]));
    });

    test('rename refuses, or renames inside the text', async () => {
        const prepared = await Promise.resolve(lsp().RenameProvider!.prepareRename(document, { textDocument: textDocument(), position })).catch((error: Error) => error.message);
        expect(typeof prepared === 'string' ? prepared : 'range').toMatch(/Only names can be renamed|range/);
        expectInside(await lsp().RenameProvider!.rename(document, { textDocument: textDocument(), position, newName: 'Other' }));
    });

    test('code actions, range and on-type formatting answer inside the text', async () => {
        const range = { start: position, end: position };
        expectInside(await lsp().CodeActionProvider!.getCodeActions(document, { textDocument: textDocument(), range, context: { diagnostics: [{ range, message: 'x', code: 'oversight/gate-bypass' }] } }));
        const options = { tabSize: 4, insertSpaces: true };
        expectInside(await lsp().Formatter!.formatDocumentRange(document, { textDocument: textDocument(), range, options }));
        expectInside(await lsp().Formatter!.formatDocumentOnType(document, { textDocument: textDocument(), position, ch: '}', options }));
    });
});
