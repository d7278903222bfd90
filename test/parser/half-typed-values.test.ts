import { readdirSync, readFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-types';
import { describe, expect, test } from 'vitest';
import { GOVERNED_VALUES } from '../../language/analysis/governed-values.js';
import { buildWorkspace } from '../services.js';

/**
 * While a value is being typed the file is briefly wrong; that one mistake must cost one
 * diagnostic, on the line being typed, and no governance finding that the half-parsed rest of
 * the workflow would make false ("no stop control", "no audit block"…).
 */
interface Truncation {
    readonly kind: string;
    readonly find: RegExp;
    readonly replace: (match: RegExpExecArray) => string;
}

const TRUNCATIONS: readonly Truncation[] = [
    { kind: 'duration without its unit', find: /^(\s+(?:sla|within|retention|window|every|timeout) \d+)(?:ms|mo|s|m|h|d|w|y)$/gm, replace: (m) => m[1] },
    { kind: 'duration with a half-typed unit', find: /^(\s+(?:sla|within|retention|window|every|timeout) \d+)(?:ms|mo|s|m|h|d|w|y)$/gm, replace: (m) => `${m[1]}hou` },
    { kind: 'text without its closing quote', find: /^(\s+(?:version|provider|description|explanation|result|address|metric|signal|store) "[^"]{2})[^"]*"$/gm, replace: (m) => m[1] },
    { kind: 'date without its day', find: /^(\s+(?:date|expires) \d{4}-\d{2})-\d{2}$/gm, replace: (m) => m[1] },
    { kind: 'half-typed keyword value', find: /^(\s+(?:stage|kind|task|risk|behaviour|on breach|action) [a-z]{3})[a-z-]+$/gm, replace: (m) => m[1] },
    { kind: 'property without its value', find: /^(\s+(?:owner|reviewer|authority|sla|version|model|actor|decided by)) \S+$/gm, replace: (m) => m[1] },
    { kind: 'number with a stray letter', find: /^(\s+(?:authority|baseline|threshold|confidence threshold) \d+(?:\.\d+)?)$/gm, replace: (m) => `${m[1]}x` },
];

/** The first few places in a text where a truncation applies, as edited copies of the text. */
function editsOf(text: string, truncation: Truncation, limit: number): Array<{ line: number; text: string }> {
    const edits: Array<{ line: number; text: string }> = [];
    for (const match of text.matchAll(truncation.find)) {
        if (edits.length >= limit) break;
        const m = match as RegExpExecArray;
        const line = text.slice(0, m.index).split('\n').length - 1;
        edits.push({ line, text: text.slice(0, m.index) + truncation.replace(m) + text.slice(m.index + m[0].length) });
    }
    return edits;
}

const ORGANISATION = readFileSync('samples/organisation.hitl', 'utf8');
const SAMPLES = readdirSync('samples').filter((file) => file.endsWith('.hitl')).sort();

async function diagnosticsOf(sample: string, text: string): Promise<Diagnostic[]> {
    const files = sample === 'organisation.hitl' ? { [sample]: text } : { [sample]: text, 'organisation.hitl': ORGANISATION };
    const [document] = await buildWorkspace(files);
    return (document.diagnostics ?? []).filter((d) => d.severity !== 4);
}

describe('a half-typed value costs one diagnostic, on its line', () => {
    test('sla 8 in a gate of the credit-limit sample: one error that says the unit is missing', async () => {
        const text = readFileSync('samples/credit-limit-increase.hitl', 'utf8').replace(/(\n\s+sla )8h\n/, '$18\n');
        const diagnostics = await diagnosticsOf('credit-limit-increase.hitl', text);
        expect(diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([expect.stringMatching(/^124: .*'8' needs a unit.*8h/)]);
        expect(diagnostics[0].code).toBe('syntax/parse-error');
    });

    const cases = SAMPLES.flatMap((sample) => {
        const text = readFileSync(`samples/${sample}`, 'utf8');
        return TRUNCATIONS.flatMap((truncation) => editsOf(text, truncation, 2).map((edit) => [sample, truncation.kind, edit.line + 1, edit] as const));
    });

    test('the truncations apply to the samples', () => {
        expect(new Set(cases.map(([, kind]) => kind)).size).toBe(TRUNCATIONS.length);
        expect(cases.length).toBeGreaterThan(40);
    });

    test.each(cases)('%s, %s on line %i', async (sample, _kind, _line, edit) => {
        const diagnostics = await diagnosticsOf(sample, edit.text);
        const shown = diagnostics.map((d) => `${d.range.start.line + 1}:${d.code} ${d.message}`).join('\n');
        expect(diagnostics.length, shown).toBeGreaterThanOrEqual(1);
        expect(diagnostics.length, shown).toBeLessThanOrEqual(2);
        // A half-typed date is a whole (wrong) date token, which the rule that reads the date
        // names (risk/review-expired for a review's dates); other values are syntax errors.
        const code = String(diagnostics[0].code);
        expect(/^(syntax|values)\//.test(code) || Object.values(GOVERNED_VALUES).includes(code), shown).toBe(true);
        expect(diagnostics[0].range.start.line, shown).toBe(edit.line);
    });
});
