import { readdirSync, readFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-types';
import { describe, expect, test } from 'vitest';
import { buildWorkspace } from '../services.js';

/**
 * While a name is being typed the element has none; no message may then speak of
 * 'undefined'. The first declaration of each kind in each sample loses its name in turn.
 */
const DECLARATION = /^(\s*(?:workflow|role|team|ai actor|channel|model|dataset|policy|escalation|ai step|gate|queue|automated step|decision|effect|outcome|drift|bias|misuse|evaluation)) ([A-Za-z_]\w*)/gm;

const ORGANISATION = readFileSync('samples/organisation.hitl', 'utf8');
const SAMPLES = readdirSync('samples').filter((file) => file.endsWith('.hitl')).sort();

function messagesOf(diagnostic: Diagnostic): string[] {
    return [String(diagnostic.message), ...(diagnostic.relatedInformation ?? []).map((related) => related.message)];
}

const cases = SAMPLES.flatMap((sample) => {
    const text = readFileSync(`samples/${sample}`, 'utf8');
    const perKind = new Map<string, number>();
    return [...text.matchAll(DECLARATION)].flatMap((match) => {
        const kind = match[1].trim();
        const count = perKind.get(kind) ?? 0;
        perKind.set(kind, count + 1);
        if (count >= 1) return [];
        const unnamed = text.slice(0, match.index) + match[1] + text.slice(match.index + match[0].length);
        return [[sample, `${kind} ${match[2]}`, unnamed] as const];
    });
});

/** Rules about what is written still run while a name is missing: each fires on an unnamed element here. */
const PRESENCE_CASES = [
    ['decided by AI', 'ai actor Scorer {\n}\nworkflow W {\n    decision {\n        kind risk-tradeoff\n        decided by Scorer\n    }\n}\n'],
    ['high risk, automated', 'workflow W {\n    ai step S {\n        task scoring\n        then D\n    }\n    decision {\n        risk high\n        stage automate\n    }\n}\n'],
    ['two unnamed outcomes', 'workflow W {\n    outcome Done\n    outcome Done\n    effect {\n        kind notify\n    }\n}\n'],
] as const;

describe('no message says undefined while a name is missing', () => {
    test.each(PRESENCE_CASES)('%s', async (_what, text) => {
        const documents = await buildWorkspace({ 'unnamed.hitl': text });
        const messages = documents.flatMap((document) => (document.diagnostics ?? []).flatMap(messagesOf));
        expect(messages.filter((message) => !/^(Expected|Unexpected)/.test(message)).length).toBeGreaterThan(0);
        expect(messages.filter((message) => /undefined/.test(message))).toEqual([]);
    });

    test.each(cases)('%s without the name of %s', async (sample, _what, text) => {
        const files = sample === 'organisation.hitl' ? { [sample]: text } : { [sample]: text, 'organisation.hitl': ORGANISATION };
        const documents = await buildWorkspace(files);
        const messages = documents.flatMap((document) => (document.diagnostics ?? []).flatMap(messagesOf));
        expect(messages.length).toBeGreaterThan(0);
        expect(messages.filter((message) => /undefined/.test(message))).toEqual([]);
    });
});
