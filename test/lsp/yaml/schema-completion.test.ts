import { describe, expect, test } from 'vitest';
import { schemaSuggestions, type JsonSchema } from '../../../language/lsp/yaml/schema-completion.js';
import { configJsonSchema } from '../../../language/settings/config-schema.js';
import { scenarioJsonSchema } from '../../../language/simulator/scenario-file.js';
import { ruleCatalogue } from '../../../language/validation/registry.js';

const config = configJsonSchema(ruleCatalogue) as JsonSchema;
const scenario = scenarioJsonSchema() as JsonSchema;

/** The labels offered where `|` stands in the text. */
function offered(text: string, schema: JsonSchema): string[] {
    const lines = text.split('\n');
    const line = lines.findIndex((candidate) => candidate.includes('|'));
    const character = lines[line].indexOf('|');
    return schemaSuggestions(text.replace('|', ''), line, character, schema).map((suggestion) => suggestion.label);
}

describe('completion from the JSON Schema of hitl.config.yaml', () => {
    test('top-level keys, less those the file has', () => {
        expect(offered('|', config).sort()).toEqual(['ignore', 'profile', 'rules']);
        expect(offered('profile: baseline\n|\nignore:\n  - x/**\n', config)).toEqual(['rules']);
    });

    test("a profile's values, and a rule's severities", () => {
        expect(offered('profile: |', config)).toEqual(['default', 'eu-high-risk', 'baseline']);
        expect(offered('rules:\n  flow/dead-end: w|', config)).toEqual(['error', 'warning', 'info', 'off']);
    });

    test('rule codes under rules, each with its title and default, less those already set', () => {
        const codes = offered('rules:\n  flow/dead-end: off\n  |', config);
        expect(codes).toEqual(ruleCatalogue.map((rule) => rule.code).filter((code) => code !== 'flow/dead-end').sort());
        const [first] = schemaSuggestions('rules:\n  ', 1, 2, config);
        expect(first.description).toMatch(/\(default: (error|warning|info)/);
    });
});

describe('completion from the JSON Schema of scenario files', () => {
    test('the keys of a step, of a role, and of a calendar inside it', () => {
        expect(offered('steps:\n  Review:\n    |', scenario)).toEqual(expect.arrayContaining(['duration', 'actions', 'discipline', 'branches']));
        expect(offered('roles:\n  Underwriter:\n    staff: 3\n    |', scenario).sort()).toEqual(['calendar', 'discipline', 'handling']);
        expect(offered('roles:\n  Underwriter:\n    calendar:\n      |', scenario).sort()).toEqual(['holidays', 'hours', 'timeZone']);
    });

    test("the kinds of a distribution, and the keys of the kind written", () => {
        expect(offered('arrivals:\n  kind: |', scenario)).toEqual(['poisson', 'weekly', 'trace']);
        expect(offered('arrivals:\n  kind: trace\n  |', scenario).sort()).toEqual(['column', 'file']);
        expect(offered('steps:\n  Score:\n    duration:\n      kind: lognormal\n      |', scenario).sort()).toEqual(['mean', 'sd']);
    });

    test('the keys of a sequence item', () => {
        expect(offered('steps:\n  Score:\n    outages:\n      - |', scenario).sort()).toEqual(['from', 'to']);
        expect(offered('steps:\n  Score:\n    outages:\n      - from: 2d\n        |', scenario)).toEqual(['to']);
        expect(offered('steps:\n  Score:\n    outages:\n      - from: 2d\n        to: 3d\n      - |', scenario).sort()).toEqual(['from', 'to']);
    });

    test('nothing inside a value that is not a key or an enumeration', () => {
        expect(offered('cases: 5|', scenario)).toEqual([]);
        expect(offered('# a comment |', scenario)).toEqual([]);
    });
});
