import { describe, expect, test } from 'vitest';
import { buildDocument } from '../services.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

async function lexerDiagnostics(text: string) {
    const document = await buildDocument(text);
    return (document.diagnostics ?? []).filter((d) => d.code === 'syntax/invalid-token');
}

describe('lexer messages are plain words with the character shown safely', () => {
    test('a semicolon is explained, without offsets or arrows', async () => {
        const [diagnostic] = await lexerDiagnostics('role Clerk {\n    authority 1;\n}\n');
        expect(diagnostic.message).toBe("Unexpected character ';': a .hitl file has no semicolons; put each property on its own line.");
        expect(diagnostic.range.start).toEqual({ line: 1, character: 15 });
    });

    test.each([
        ['an emoji', '😀'],
        ['a mathematical letter', '𝒳'],
        ['a CJK extension B character', '𠀋'],
        ['an emoji with a skin tone', '👍🏽'],
    ])('%s is shown whole, never as a lone surrogate', async (_name, character) => {
        const diagnostics = await lexerDiagnostics(`role Under${character}writer {\n}\n`);
        expect(diagnostics.length).toBeGreaterThanOrEqual(1);
        for (const diagnostic of diagnostics) {
            expect(diagnostic.message).not.toMatch(LONE_SURROGATE);
            expect(JSON.parse(JSON.stringify(diagnostic.message))).toBe(diagnostic.message);
        }
        const first = String.fromCodePoint(character.codePointAt(0)!);
        expect(diagnostics[0].message).toContain(`'${first}' (U+${first.codePointAt(0)!.toString(16).toUpperCase()})`);
        expect(diagnostics[0].message).not.toMatch(/offset|->|<-/);
    });

    test('an invisible character is named by its code point', async () => {
        const [diagnostic] = await lexerDiagnostics('role Clerk\u200B {\n}\n');
        expect(diagnostic.message).toBe('Unexpected invisible character U+200B; delete it (it often comes with copied text).');
    });

    test('a text without its closing quote says so, once', async () => {
        const document = await buildDocument('role Clerk "Payments clerk {\n    authority 1\n}\n');
        const syntax = (document.diagnostics ?? []).filter((d) => String(d.code).startsWith('syntax/'));
        expect(syntax.map((d) => d.message)).toEqual(['Text "Payments clerk { has no closing quote; end it with " on the same line.']);
    });
});
