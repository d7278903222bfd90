import { describe, expect, test } from 'vitest';
import { ruleCard, ruleDoc, ruleSummary } from '../../language/documentation/rule-docs.js';
import { HitlNodeKindProvider } from '../../language/lsp/node-kinds.js';
import { buildDocument, createEditorTestServices } from '../services.js';

/** Names every plain object inherits: a lookup by user text must not find them. */
const inherited = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

describe('lookups by diagnostic code or name ignore what objects inherit', () => {
    test.each(inherited)('a code action request for a diagnostic coded %s offers nothing and does not fail', async (code) => {
        const document = await buildDocument('workflow W {\n    outcome Done\n}\n');
        const range = { start: { line: 1, character: 4 }, end: { line: 1, character: 11 } };
        const actions = await createEditorTestServices().Hitl.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() },
            range,
            context: { diagnostics: [{ range, message: 'x', code }] },
        });
        expect(actions).toEqual([]);
    });

    test.each(inherited)('rule documentation for %s is absent', (code) => {
        expect(ruleDoc(code)).toBeUndefined();
        expect(ruleSummary(code)).toBeUndefined();
        expect(ruleCard(code)).toBeUndefined();
    });

    test.each(inherited)('hovering a suppression of %s shows no rule card and does not fail', async (code) => {
        const document = await buildDocument(`workflow W {\n    suppress "${code}" {\n        reason "x"\n    }\n    outcome Done\n}\n`);
        const hover = await createEditorTestServices().Hitl.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() },
            position: { line: 1, character: 14 },
        });
        expect(hover).toBeUndefined();
    });

    test.each(inherited)('a node of type %s gets the default symbol kind', (type) => {
        const kinds = new HitlNodeKindProvider();
        const description = { type, name: 'x', documentUri: undefined as never, path: '' };
        expect(kinds.getSymbolKind(description)).toBe(kinds.getSymbolKind({ ...description, type: 'Unknown' }));
        expect(typeof kinds.getCompletionItemKind(description)).toBe('number');
    });
});
