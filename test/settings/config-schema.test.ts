import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseConfig } from '../../language/settings/config-file.js';
import { CONFIG_SCHEMA_FILE_NAME, configJsonSchema, renderConfigSchema } from '../../language/settings/config-schema.js';
import { PROFILES } from '../../language/settings/rule-settings.js';
import { ruleCatalogue } from '../../language/validation/registry.js';

// The JSON Schema of hitl.config.yaml that YAML editors use must say what the checker says: a
// configuration the parser reads cleanly is valid, one with an unknown rule code, a bad severity,
// an unknown key or profile, or an ignore pattern that leaves the folder is not.

const REPO = path.resolve(import.meta.dirname, '../..');
const COMMITTED = path.join(REPO, 'docs', 'schemas', CONFIG_SCHEMA_FILE_NAME);
const codes = new Set(ruleCatalogue.map((rule) => rule.code));

/** ajv's 2020-12 build in strict mode: an unknown keyword or format, or a loose type, fails to compile. */
function validator() {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    return ajv.compile(configJsonSchema(ruleCatalogue));
}

/** How a YAML editor sees the file: as JSON data. An empty document is an empty mapping, as the parser takes it. */
function asData(text: string): unknown {
    return parse(text) ?? {};
}

/** Every configuration in the repository: the fixtures, the repository's own, the examples in the docs. */
function configurations(): Array<{ name: string; text: string }> {
    const found: Array<{ name: string; text: string }> = [];
    const walk = (folder: string) => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
            const file = path.join(folder, entry.name);
            if (entry.isDirectory()) walk(file);
            else if (entry.name.endsWith('.yaml')) found.push({ name: path.relative(REPO, file), text: readFileSync(file, 'utf8') });
        }
    };
    walk(path.join(REPO, 'test', 'fixtures'));
    found.push({ name: 'hitl.config.yaml', text: readFileSync(path.join(REPO, 'hitl.config.yaml'), 'utf8') });
    for (const doc of ['README.md', 'docs/cli.md']) {
        const blocks = [...readFileSync(path.join(REPO, doc), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]);
        blocks.forEach((text, index) => found.push({ name: `${doc} yaml block ${index + 1}`, text }));
    }
    return found;
}

describe('the JSON Schema of hitl.config.yaml', () => {
    test(`the committed ${path.relative(REPO, COMMITTED)} is current (UPDATE_GOLDEN=1 rewrites it)`, () => {
        const current = renderConfigSchema(ruleCatalogue);
        if (process.env.UPDATE_GOLDEN) writeFileSync(COMMITTED, current);
        expect(readFileSync(COMMITTED, 'utf8')).toBe(current);
    });

    test('compiles under ajv 2020-12 in strict mode, and allows every rule code of the catalogue', () => {
        const validate = validator();
        const rules = Object.fromEntries([...codes].map((code) => [code, 'warning']));
        expect(validate({ profile: 'eu-high-risk', rules, ignore: ['test/**'] })).toBe(true);
    });

    test('agrees with the parser on every configuration in the repository', () => {
        const validate = validator();
        const all = configurations();
        expect(all.filter((config) => parseConfig(config.text, codes).problems.length === 0).length).toBeGreaterThanOrEqual(3);
        expect(all.filter((config) => parseConfig(config.text, codes).problems.length > 0).length).toBeGreaterThanOrEqual(1);
        for (const config of all) {
            const clean = parseConfig(config.text, codes).problems.length === 0;
            expect({ name: config.name, valid: validate(asData(config.text)) }).toEqual({ name: config.name, valid: clean });
        }
    });

    test.each([
        ['an unknown rule code', 'rules:\n  flow/no-such-rule: off\n', '/rules'],
        ['a bad severity', 'rules:\n  flow/dead-end: fatal\n', '/rules/flow~1dead-end'],
        ['an unknown setting', 'severity: low\n', ''],
        ['an unknown profile', 'profile: lenient\n', '/profile'],
        ["'rules' that is not a mapping", 'rules: off\n', '/rules'],
        ["'ignore' that is not a list", 'ignore: test/**\n', '/ignore'],
        ['an absolute ignore pattern', 'ignore:\n  - /etc/**\n', '/ignore/0'],
        ['a drive-letter ignore pattern', 'ignore:\n  - "C:\\\\specs"\n', '/ignore/0'],
        ['an ignore pattern that leaves the folder', 'ignore:\n  - specs/../../other/**\n', '/ignore/0'],
        ['an empty ignore pattern', 'ignore:\n  - ""\n', '/ignore/0'],
    ])('rejects %s, as the parser does', (_name, text, at) => {
        const validate = validator();
        expect(parseConfig(text, codes).problems).not.toEqual([]);
        expect(validate(asData(text))).toBe(false);
        expect(validate.errors?.map((error) => error.instancePath)).toContain(at);
    });

    test('a generated configuration is valid for the schema exactly when the parser reads it cleanly', () => {
        const validate = validator();
        const someCodes = [...codes].slice(0, 6);
        const config = fc.record(
            {
                profile: fc.constantFrom(...PROFILES, 'lenient', 'EU-high-risk'),
                rules: fc.dictionary(fc.constantFrom(...someCodes, 'flow/no-such-rule', 'x/y'), fc.constantFrom('error', 'warning', 'info', 'off', 'fatal', 'Error')),
                ignore: fc.array(fc.constantFrom('test/**', '*.draft.hitl', 'a/..b/**', '..x', '../x', 'a/../b', '/abs', 'C:/x', 'c:\\x', '', 'x/..'), { maxLength: 3 }),
                defaults: fc.constant([]),
            },
            { requiredKeys: [] },
        );
        fc.assert(
            fc.property(config, (data) => {
                const text = stringify(data);
                expect(validate(asData(text))).toBe(parseConfig(text, codes).problems.length === 0);
            }),
            { numRuns: 300, seed: 8 },
        );
    });
});
