import validator from 'asl-validator';
import { describe, expect, test } from 'vitest';
import { exportAsl } from '../../../language/exports/asl/index.js';
import { compileTexts } from '../../compile/workspace.js';
import { runAslRoute } from './run-asl.js';

// Conditions no sample writes: a condition given as text, a category without a definition, one
// defined by another, `not` and `or`; and names too long for Step Functions.
const workflow = (routes: string, categories = '') => `
workflow Routing {
    start Triage
${categories}
    automated step Triage {
${routes}
    }
    outcome Fast {
        result "fast"
    }
    outcome Slow {
        result "slow"
    }
}
`;

const outcome = async (text: string, data: Record<string, string | number | boolean>) => {
    const definition = exportAsl(await compileTexts({ 'routing.hitl': text }), 'Routing');
    const check = validator(structuredClone(definition), { checkPaths: true, checkArn: true });
    expect(check.errorsText('\n')).toBe('');
    return runAslRoute(definition, { name: 'data', choices: {}, expected: '' }, { case: data });
};

describe('conditions as Choice rules', () => {
    const labelled = workflow(`        when "needs a second look" -> Slow
        otherwise -> Fast`);

    test('a condition written as text is a true/false case field of that name', async () => {
        await expect(outcome(labelled, { 'needs a second look': true })).resolves.toBe('Slow');
        await expect(outcome(labelled, { 'needs a second look': false })).resolves.toBe('Fast');
        await expect(outcome(labelled, {})).resolves.toBe('Fast');
    });

    test('a category is its definition written out, through a category that names another', async () => {
        const text = workflow(
            `        when urgent -> Fast
        otherwise -> Slow`,
            `    category severe when score >= 8
    category urgent when severe or (not seen == "yes" and age < 2)`,
        );
        await expect(outcome(text, { score: 8 })).resolves.toBe('Fast');
        await expect(outcome(text, { score: 7, age: 1 })).resolves.toBe('Fast');
        await expect(outcome(text, { score: 7, age: 1, seen: 'yes' })).resolves.toBe('Slow');
        await expect(outcome(text, { score: 7, age: 1, seen: 'no' })).resolves.toBe('Fast');
        await expect(outcome(text, { score: 7, age: 3 })).resolves.toBe('Slow');
    });

    test('a category without a definition is a true/false case field', async () => {
        const text = workflow(
            `        when vip -> Fast
        otherwise -> Slow`,
            `    category vip "Key account"`,
        );
        await expect(outcome(text, { vip: true })).resolves.toBe('Fast');
        await expect(outcome(text, { vip: 'yes' })).resolves.toBe('Slow');
    });
});

describe('conditions the export refuses', () => {
    test('a category defined in terms of itself is refused with a message, not followed forever', async () => {
        const text = workflow(
            `        when loop -> Fast
        otherwise -> Slow`,
            `    category loop when loop or score > 1`,
        );
        const model = await compileTexts({ 'routing.hitl': text });
        expect(() => exportAsl(model, 'Routing')).toThrow("Category 'loop' is defined in terms of itself");
    });
});

describe('names Step Functions cannot take', () => {
    test('a state name over 80 characters is refused, by name', async () => {
        const long = `Review${'AndReview'.repeat(9)}`;
        const model = await compileTexts({
            'long.hitl': `role Clerk {
    authority 1
}
workflow Long {
    start ${long}
    gate ${long} {
        reviewer Clerk
        allows approve, reject
        sla 1h
        on approve -> Done
        on reject -> Done
        on timeout pause
    }
    outcome Done {
        result "done"
    }
}
`,
        });
        expect(() => exportAsl(model, 'Long')).toThrow(new RegExp(`at most 80 characters.*'${long}.Answer'`));
    });
});
