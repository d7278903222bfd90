import { describe, expect, test } from 'vitest';
import type { FormattingOptions, TextEdit } from 'vscode-languageserver-protocol';
import { MAX_TAB_SIZE } from '../../language/lsp/formatter.js';
import { buildDocument, createEditorTestServices } from '../services.js';

const messy = 'role R {authority 1}\nworkflow W {\n    gate G {\n        on approve -> Done\n    }\n    outcome Done\n}';

async function formatWith(options: FormattingOptions): Promise<{ all: TextEdit[]; range: TextEdit[]; onType: TextEdit[] }> {
    const document = await buildDocument(messy);
    const formatter = createEditorTestServices().Hitl.lsp.Formatter!;
    const textDocument = { uri: document.uri.toString() };
    const all = await formatter.formatDocument(document, { textDocument, options });
    const range = await formatter.formatDocumentRange(document, { textDocument, options, range: { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } } });
    const onType = await formatter.formatDocumentOnType(document, { textDocument, options, position: { line: 0, character: 20 }, ch: '}' });
    return { all, range, onType };
}

const longest = (edits: TextEdit[]) => Math.max(0, ...edits.map((edit) => edit.newText.length));

describe('formatting options from the client', () => {
    test('a huge tab size is clamped: the edits stay small', async () => {
        const { all, range, onType } = await formatWith({ tabSize: 1_000_000, insertSpaces: true });
        for (const edits of [all, range, onType]) {
            expect(edits.length).toBeGreaterThan(0);
            expect(longest(edits)).toBeLessThan(100);
        }
        expect(all.map((edit) => edit.newText)).toContain(`\n${' '.repeat(MAX_TAB_SIZE)}`);
    });

    test.each([0, -3, Number.NaN, 2.5, Number.POSITIVE_INFINITY, '4' as unknown as number, undefined as unknown as number])(
        'nonsense tab size %s falls back to four spaces',
        async (tabSize) => {
            const { all } = await formatWith({ tabSize, insertSpaces: true });
            expect(all.map((edit) => edit.newText)).toContain('\n    ');
        },
    );

    test('a tab size within range is honoured, tabs when asked', async () => {
        expect((await formatWith({ tabSize: 2, insertSpaces: true })).all.map((edit) => edit.newText)).toContain('\n  ');
        expect((await formatWith({ tabSize: 8, insertSpaces: false })).all.map((edit) => edit.newText)).toContain('\n\t');
    });

    test('insertSpaces that is not a boolean means spaces', async () => {
        const { all } = await formatWith({ tabSize: 4, insertSpaces: 'no' as unknown as boolean });
        expect(all.map((edit) => edit.newText)).toContain('\n    ');
    });
});
