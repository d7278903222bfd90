import { describe, expect, test } from 'vitest';
import { ignoreMatcher } from '../../language/settings/ignore-patterns.js';

describe('ignore patterns', () => {
    test('a folder pattern ignores the folder and everything under it, in any spelling', () => {
        for (const pattern of ['test/fixtures', 'test/fixtures/', 'test/fixtures/**']) {
            const ignored = ignoreMatcher([pattern]);
            expect(ignored('test/fixtures'), pattern).toBe(true);
            expect(ignored('test/fixtures/a/b.hitl'), pattern).toBe(true);
            expect(ignored('test/fixtures-other/b.hitl'), pattern).toBe(false);
            expect(ignored('test/b.hitl'), pattern).toBe(false);
        }
    });

    test('a pattern without a slash matches a name at any depth', () => {
        const ignored = ignoreMatcher(['*.draft.hitl', 'generated']);
        expect(ignored('a/b/idea.draft.hitl')).toBe(true);
        expect(ignored('idea.draft.hitl')).toBe(true);
        expect(ignored('x/generated/y.hitl')).toBe(true);
        expect(ignored('x/generated.hitl')).toBe(false);
    });

    test('globstar patterns match at any depth, dot folders included', () => {
        const ignored = ignoreMatcher(['**/out/**']);
        expect(ignored('out/a.hitl')).toBe(true);
        expect(ignored('a/.b/out/c.hitl')).toBe(true);
        expect(ignored('a/outside/c.hitl')).toBe(false);
    });

    test('no patterns ignore nothing', () => {
        expect(ignoreMatcher([])('anything.hitl')).toBe(false);
    });
});
