import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { yamlText } from '../../language/generators/yaml-text.js';

/** The YAML writer: whatever the data, every YAML reader reads back exactly that data. */

const readers = [
    ['YAML 1.2', (text: string) => parse(text)],
    ['YAML 1.1', (text: string) => parse(text, { version: '1.1' })],
] as const;

// Strings YAML readers are known to take for something else, and texts with every kind of punctuation.
const TRICKY = ['on', 'Off', 'yes', 'N', 'y', 'null', '~', 'true', '2026-10-05', '2.0.1', '1e3', '0x1F', '12:30', '.inf', '-', '- a', 'a: b', 'a #b', 'key:', ' lead', 'trail ', '"quoted"', "it's", '#tag', '&anchor', '*alias', '!tag', '|', '>', '%', '@at', '`tick`', 'a\nb', 'tab\there', '\u0085nel', 'line\u2028sep', 'bom\ufeff', 'del\u007f', 'é–…’“”', '', 'Jane Doe', 'slack://ops/leads', 'https://x.example/a?b=c&d', '[x]', '{y}', 'a, b', '<<', '='];

describe('yamlText', () => {
    test.each(TRICKY.map((text) => [JSON.stringify(text), text]))('the string %s reads back as itself, as a value and as a key', (_shown, text) => {
        const data = { value: text, list: [text], [text || 'empty']: 1 };
        for (const [, read] of readers) expect(read(yamlText(data))).toEqual(data);
    });

    test('numbers, booleans, null, empty collections and nesting read back as written', () => {
        const data = { n: [0, -1, 0.06, 0.005, 86_400, 1e-7, 1.5e21, -0], flags: [true, false], none: null, empty: [], nothing: {}, nested: [[1, [2]], [{ a: [] }], { b: { c: [{ d: 1, e: [{}] }] } }] };
        for (const [, read] of readers) expect(read(yamlText(data))).toEqual(JSON.parse(JSON.stringify(data)));
    });

    test('any JSON data reads back as itself, with every YAML reader', () => {
        const json = fc.jsonValue({ maxDepth: 4, noUnicodeString: false }).map((value) => JSON.parse(JSON.stringify(value)));
        fc.assert(
            fc.property(json, (data) => {
                for (const [, read] of readers) expect(read(yamlText(data))).toEqual(data);
            }),
            { numRuns: 500 },
        );
    });

    test('plain where plain is unambiguous: ids, words and addresses stay readable', () => {
        expect(yamlText({ id: 'CustomerRefunds', address: 'slack://ops/leads', kind: 'on', version: '2.0.1', steps: [{ id: 'A', routes: [] }] })).toBe(
            ['id: CustomerRefunds', 'address: slack://ops/leads', 'kind: "on"', 'version: "2.0.1"', 'steps:', '  - id: A', '    routes: []', ''].join('\n'),
        );
    });
});
