import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

// VS Code lists a snippet once per prefix that matches the typed word, and matches prefixes
// by substring ("fc" finds "for-const"): a snippet with prefixes `workflow` and
// `hitl-workflow` appeared twice when the user typed `workflow`.

const snippets = JSON.parse(readFileSync(new URL('../../extension/snippets/hitl.json', import.meta.url), 'utf8')) as Record<string, { prefix: string | string[] }>;

/** True when every character of `needle` appears in `haystack`, in order. */
function isSubsequence(needle: string, haystack: string): boolean {
    let index = 0;
    for (const char of haystack) if (char === needle[index]) index++;
    return index === needle.length;
}

describe('snippet prefixes', () => {
    test.each(Object.entries(snippets))('%s is offered once for any word that matches it', (_name, snippet) => {
        const prefixes = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
        for (const a of prefixes) {
            for (const b of prefixes) {
                if (a !== b) expect(isSubsequence(a, b), `typing "${a}" also matches "${b}"`).toBe(false);
            }
        }
    });
});
