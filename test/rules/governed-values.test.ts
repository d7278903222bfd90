import { AstUtils, GrammarAST } from 'langium';
import { describe, expect, test } from 'vitest';
import { HitlGrammar } from '../../language/generated/grammar.js';
import { findRule } from '../../language/validation/registry.js';
import { GENERIC_VALUES, GOVERNED_VALUES } from '../../language/analysis/governed-values.js';
import { buildDocument } from '../services.js';

/** Every `Type.property` of the grammar that holds a duration, a date or a quantity. */
function valueProperties(): string[] {
    const found = new Set<string>();
    for (const rule of HitlGrammar().rules.filter(GrammarAST.isParserRule)) {
        for (const node of AstUtils.streamAllContents(rule)) {
            if (!GrammarAST.isAssignment(node) || !GrammarAST.isRuleCall(node.terminal)) continue;
            const called = node.terminal.rule.ref?.name;
            if (called && ['DURATION', 'DATE', 'Quantity', 'Literal'].includes(called)) found.add(`${rule.name}.${node.feature}`);
        }
    }
    return [...found].sort();
}

describe('every value the grammar holds has one judge', () => {
    test('each duration, date and quantity is governed by a rule or listed as generic, never both', () => {
        const governed = Object.keys(GOVERNED_VALUES);
        expect(governed.filter((key) => GENERIC_VALUES.includes(key))).toEqual([]);
        expect([...governed, ...GENERIC_VALUES].sort()).toEqual(valueProperties());
    });

    test('the governing rules exist and enforce a requirement; the generic value rules enforce none', () => {
        for (const [key, code] of Object.entries(GOVERNED_VALUES)) {
            expect(findRule(code)?.requirements.length, `${key} → ${code}`).toBeGreaterThan(0);
        }
        for (const code of ['values/non-positive-duration', 'values/percentage-out-of-range']) expect(findRule(code)?.requirements).toEqual([]);
    });
});

describe('a value finding is about what is written', () => {
    test('it stands in a workflow with a syntax error, where findings about what is missing are held back', async () => {
        const document = await buildDocument(
            [
                'workflow W {',
                '    start Review',
                '    gate Review {',
                '        sla 0h',
                '        on approve -> Done',
                '    }',
                '    incident {',
                '        notify Owner within 0h',
                '    }',
                '    outcome Done',
                '    §§§',
                '}',
                'role Owner { authority 3 }',
            ].join('\n'),
        );
        const codes = (document.diagnostics ?? []).map((d) => `${d.range.start.line + 1} ${d.code}`);
        expect(codes).toEqual(expect.arrayContaining(['4 escalation/timeout-required', '8 data/incident-route']));
        // Held back: "no on-timeout action", "no RACI" and the like, which a lost line could explain.
        expect(codes.filter((c) => c.endsWith('raci/accountable'))).toEqual([]);
    });

    test('a zero value is reported once, by its rule, not also as a value error', async () => {
        const document = await buildDocument('role Lead { authority 3 }\nescalation E {\n    to Lead within 0h\n    on timeout deny\n}\n');
        const onValue = (document.diagnostics ?? []).filter((d) => d.range.start.line === 2 && d.range.start.character === 19);
        expect(onValue.map((d) => d.code)).toEqual(['escalation/target-reachable']);
    });
});
