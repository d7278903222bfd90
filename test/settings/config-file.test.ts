import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../language/settings/config-file.js';
import { RuleSettings } from '../../language/settings/rule-settings.js';
import { findRule, ruleCatalogue } from '../../language/validation/registry.js';

const codes = new Set(ruleCatalogue.map((rule) => rule.code));

describe('hitl.config.yaml', () => {
    test('reads a profile and per-rule severities', () => {
        const { settings, problems } = parseConfig('profile: eu-high-risk\nrules:\n  flow/missing-otherwise: off\n  flow/dead-end: warning\n', codes);
        expect(problems).toEqual([]);
        expect(settings).toEqual({ profile: 'eu-high-risk', rules: new Map([['flow/missing-otherwise', 'off'], ['flow/dead-end', 'warning']]) });
    });

    test('an empty file is a valid configuration', () => {
        expect(parseConfig('', codes)).toEqual({ settings: {}, problems: [] });
    });

    test('reports a bad severity at its line and column', () => {
        const { problems } = parseConfig('rules:\n  flow/dead-end: fatal\n', codes);
        expect(problems).toEqual([{ line: 2, column: 18, message: expect.stringContaining("'rules.flow/dead-end': a severity is one of 'error', 'warning', 'info' or 'off'") }]);
    });

    test('reports an unknown rule code at its key', () => {
        const { problems, settings } = parseConfig('rules:\n  flow/dead-end: warning\n  flow/no-such-rule: off\n', codes);
        expect(problems).toEqual([{ line: 3, column: 3, message: "unknown rule 'flow/no-such-rule'; 'hitl rules' lists the codes" }]);
        expect(settings.rules?.get('flow/dead-end')).toBe('warning');
    });

    test('reports an unknown setting and an unknown profile', () => {
        const { problems } = parseConfig('profile: lenient\nseverity: low\n', codes);
        expect(problems).toContainEqual({ line: 2, column: 1, message: "unknown setting 'severity'; a config file has 'profile', 'rules', 'ignore'" });
        expect(problems).toContainEqual({ line: 1, column: 10, message: expect.stringContaining("a profile is one of 'default', 'eu-high-risk', 'baseline'") });
    });

    test('reports YAML syntax errors with their position', () => {
        const { problems } = parseConfig('rules:\n  flow/dead-end: [warning\n', codes);
        expect(problems.length).toBeGreaterThan(0);
        expect(problems[0].line).toBeGreaterThanOrEqual(2);
    });
});

describe('hostile configurations', () => {
    test('a YAML alias bomb is refused at the first alias, without expanding it', () => {
        const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
        const { settings, problems } = parseConfig(bomb, codes);
        expect(settings).toEqual({});
        expect(problems[0]).toEqual({ line: 2, column: 8, message: expect.stringContaining('aliases (*a) are not supported') });
    });

    test('an alias inside an otherwise valid configuration is reported where it stands', () => {
        const { problems } = parseConfig('profile: &p baseline\nrules:\n  flow/dead-end: *p\n', codes);
        expect(problems).toEqual([{ line: 3, column: 18, message: expect.stringContaining('aliases (*p) are not supported') }]);
    });

    test.each(['__proto__', 'constructor', 'prototype'])('the prototype key %s is rejected, at the top and under rules', (key) => {
        expect(parseConfig(`${key}: {}\n`, codes).problems).toEqual([{ line: 1, column: 1, message: `'${key}' is not allowed as a key` }]);
        const { problems, settings } = parseConfig(`rules:\n  ${key}: off\n`, codes);
        expect(problems).toEqual([{ line: 2, column: 3, message: `'${key}' is not allowed as a key` }]);
        expect(settings.rules?.size).toBe(0);
    });

    test('deeply nested flow collections are refused before the YAML parser sees them', () => {
        const text = `rules: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
        const { problems } = parseConfig(text, codes);
        expect(problems).toEqual([{ line: 1, column: 40, message: 'collections are nested more than 32 levels deep' }]);
    });

    test('brackets inside quotes and comments do not count as nesting', () => {
        const text = `# ${'['.repeat(100)}\nignore: ["${'['.repeat(100)}", '${'{'.repeat(100)}']\n`;
        expect(parseConfig(text, codes).problems).toEqual([]);
    });

    test('a configuration over the size cap is not parsed', () => {
        const { problems, settings } = parseConfig(`# ${'x'.repeat(2 * 1024 * 1024)}\n`, codes);
        expect(settings).toEqual({});
        expect(problems).toEqual([{ line: 1, column: 1, message: expect.stringContaining('larger than 1 MB') }]);
    });

    test('thousands of unknown rule codes: a bounded list of problems, each at its own key, in linear time', () => {
        const lines = (n: number) => `rules:\n${Array.from({ length: n }, (_, i) => `  x/r${i}: off`).join('\n')}\n`;
        const { problems } = parseConfig(lines(20_000), codes);
        expect(problems).toHaveLength(101);
        expect(problems[99]).toEqual({ line: 101, column: 3, message: "unknown rule 'x/r99'; 'hitl rules' lists the codes" });
        expect(problems[100].message).toBe('19900 more problems not shown; fix the ones above first');
        // Scaling guarded by a ratio in one run: 8 times the entries may cost at most ~16 times the time.
        const time = (n: number) => {
            const text = lines(n);
            const started = performance.now();
            parseConfig(text, codes);
            return performance.now() - started;
        };
        time(2_500);
        const small = Math.min(time(2_500), time(2_500));
        const large = Math.min(time(20_000), time(20_000));
        expect(large / small).toBeLessThan(16);
    });

    test('one bad entry spoils only itself: the rest of the configuration still applies', () => {
        const { settings, problems } = parseConfig('profile: baseline\nrules:\n  flow/dead-end: fatal\n  flow/missing-otherwise: off\nignore:\n  - test/**\n  - ../outside/**\n', codes);
        expect(problems.map((p) => p.line)).toEqual([3, 7]);
        expect(settings).toEqual({ profile: 'baseline', rules: new Map([['flow/missing-otherwise', 'off']]), ignore: ['test/**'] });
    });

    test('a configuration that is not a mapping is one problem', () => {
        expect(parseConfig('- a\n- b\n', codes).problems).toEqual([{ line: 1, column: 1, message: "a configuration is a mapping with 'profile', 'rules' and 'ignore'" }]);
        expect(parseConfig('rules: off\n', codes).problems).toEqual([{ line: 1, column: 8, message: expect.stringContaining("'rules' maps rule codes to severities") }]);
    });

    test('duplicate keys are reported', () => {
        expect(parseConfig('profile: baseline\nprofile: default\n', codes).problems[0]).toEqual({ line: 2, column: 1, message: expect.stringContaining('unique') });
    });
});

describe('profiles', () => {
    const warningRule = findRule('flow/missing-otherwise')!;
    const errorRule = findRule('change/version-and-approver')!;

    test('default keeps the catalogue severities', () => {
        const settings = new RuleSettings();
        expect(settings.severityOf(warningRule)).toBe('warning');
        expect(settings.severityOf(errorRule)).toBe('error');
    });

    test('eu-high-risk turns governance warnings into errors', () => {
        const settings = new RuleSettings();
        settings.configure({ profile: 'eu-high-risk' });
        expect(settings.severityOf(warningRule)).toBe('error');
    });

    test('baseline softens governance errors outside oversight and accountability', () => {
        const settings = new RuleSettings();
        settings.configure({ profile: 'baseline' });
        expect(settings.severityOf(errorRule)).toBe('warning');
    });

    test('a per-rule setting wins over the profile', () => {
        const settings = new RuleSettings();
        settings.configure({ profile: 'eu-high-risk', rules: new Map([['flow/missing-otherwise', 'off']]) });
        expect(settings.severityOf(warningRule)).toBe('off');
    });
});
