import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../language/settings/config-file.js';
import { RuleSettings } from '../../language/settings/rule-settings.js';
import { findRule, ruleCatalogue } from '../../language/validation/registry.js';

const codes = new Set(ruleCatalogue.map((rule) => rule.code));

describe('hitl.config.yaml', () => {
    test('reads a profile and per-rule severities', () => {
        const { settings, problems } = parseConfig('profile: eu-high-risk\nrules:\n  flow/missing-otherwise: off\n  flow/dead-end: warning\n', codes);
        expect(problems).toEqual([]);
        expect(settings).toEqual({ profile: 'eu-high-risk', rules: { 'flow/missing-otherwise': 'off', 'flow/dead-end': 'warning' } });
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
        expect(settings.rules?.['flow/dead-end']).toBe('warning');
    });

    test('reports an unknown setting and an unknown profile', () => {
        const { problems } = parseConfig('profile: lenient\nseverity: low\n', codes);
        expect(problems).toContainEqual({ line: 2, column: 1, message: "unknown setting 'severity'; a config file has 'profile' and 'rules'" });
        expect(problems).toContainEqual({ line: 1, column: 10, message: expect.stringContaining("a profile is one of 'default', 'eu-high-risk', 'baseline'") });
    });

    test('reports YAML syntax errors with their position', () => {
        const { problems } = parseConfig('rules:\n  flow/dead-end: [warning\n', codes);
        expect(problems.length).toBeGreaterThan(0);
        expect(problems[0].line).toBeGreaterThanOrEqual(2);
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
        settings.configure({ profile: 'eu-high-risk', rules: { 'flow/missing-otherwise': 'off' } });
        expect(settings.severityOf(warningRule)).toBe('off');
    });
});
