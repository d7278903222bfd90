import { describe, expect, test } from 'vitest';
import { explainRule } from '../../language/documentation/explain.js';
import { ruleDoc } from '../../language/documentation/rule-docs.js';
import { changeCatalogue } from '../../language/diff/kinds.js';
import { citationsOf } from '../../language/governance/citations.js';
import { ruleCatalogue } from '../../language/validation/registry.js';
import { hitl } from '../cli/cli.js';

describe('the change kinds hitl diff reports', () => {
    test.each(changeCatalogue.map((entry) => [entry.code, entry] as const))('%s has a page citing its requirements, and hitl explain prints it', (code, entry) => {
        expect(code).toMatch(/^change\/[a-z0-9]+(-[a-z0-9]+)*$/);
        const page = ruleDoc(code);
        expect(page, `docs/rules/${code}.md`).toBeDefined();
        expect(page!.split('\n')[0]).toBe(`# ${code}`);
        for (const id of entry.requirements) {
            expect(page).toContain(`[${id}](../../requirements.md#${id.toLowerCase()})`);
            for (const cite of citationsOf(id)) expect(page, `${code} ${id}`).toContain(cite);
        }
        expect(explainRule(code)).toContain(`Requirements: ${entry.requirements.join(', ')}`);
    });

    test('change codes are distinct from every checker rule', () => {
        const rules = new Set(ruleCatalogue.map((rule) => rule.code));
        expect(changeCatalogue.filter((entry) => rules.has(entry.code))).toEqual([]);
    });

    test('hitl explain works for a change code from the built CLI', () => {
        const run = hitl(['explain', 'change/gate-bypassed']);
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^# change\/gate-bypassed\n/);
        expect(run.stdout).toContain('Requirements: G01 (docs/requirements.md)');
    });
});
