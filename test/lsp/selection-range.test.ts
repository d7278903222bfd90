import { describe, expect, test } from 'vitest';
import type { SelectionRange } from 'vscode-languageserver-types';
import { selectionRanges } from '../../language/lsp/selection-range.js';
import { buildDocument } from '../services.js';

const text = `/** Credit decisions. */
workflow W {
    gate Review {
        reviewer Underwriter
        sla 8h
        raci {
            accountable Underwriter
        }
        on approve -> Done
    }
    outcome Done
}
role Underwriter { authority 1 }
`;

/** The texts a repeated "expand selection" selects, starting at the n-th occurrence of `at`. */
async function expansions(at: string, occurrence = 0, source = text): Promise<string[]> {
    const document = await buildDocument(source);
    let offset = -1;
    for (let i = 0; i <= occurrence; i++) offset = source.indexOf(at, offset + 1);
    const [range] = selectionRanges(document, [document.textDocument.positionAt(offset + 1)]);
    const texts: string[] = [];
    for (let current: SelectionRange | undefined = range; current; current = current.parent) texts.push(document.textDocument.getText(current.range));
    return texts;
}

const gate = text.slice(text.indexOf('gate Review'), text.indexOf('    outcome') - 1).trimEnd();
const workflow = text.slice(text.indexOf('workflow W'), text.indexOf('role Underwriter') - 1);
const documented = text.slice(0, text.indexOf('role Underwriter') - 1);

describe('selection ranges (expand selection)', () => {
    test('a value expands to its property, its block, the workflow, the file', async () => {
        expect(await expansions('8h')).toEqual(['8h', 'sla 8h', gate, workflow, documented, text]);
    });

    test('a name in a nested block expands to its property, the nested block, then outwards', async () => {
        expect(await expansions('Underwriter', 1)).toEqual(['Underwriter', 'accountable Underwriter', 'raci {\n            accountable Underwriter\n        }', gate, workflow, documented, text]);
    });

    test('a route target expands to the route', async () => {
        expect(await expansions('Done')).toEqual(['Done', 'on approve -> Done', gate, workflow, documented, text]);
    });

    test('each range contains the one before it; one answer per position, also outside the text', async () => {
        const document = await buildDocument(text);
        const ranges = selectionRanges(document, [
            { line: 0, character: 0 },
            { line: 9999, character: 9999 },
            { line: 4, character: 9999 },
        ]);
        expect(ranges).toHaveLength(3);
        for (const range of ranges) {
            for (let current: SelectionRange | undefined = range; current?.parent; current = current.parent) {
                const inner = document.textDocument.getText(current.range);
                expect(document.textDocument.getText(current.parent.range)).toContain(inner);
                expect(document.textDocument.getText(current.parent.range).length).toBeGreaterThan(inner.length);
            }
        }
    });

    test('a file with syntax errors or no text still answers', async () => {
        expect(await expansions('{', 0, 'workflow W { gate {')).toContain('workflow W { gate {');
        const empty = await buildDocument('');
        expect(selectionRanges(empty, [{ line: 0, character: 0 }])).toEqual([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
    });
});
