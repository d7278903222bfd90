import { describe, expect, test } from 'vitest';
import { isWhenRoute, type Category, type Route, type Workflow } from '../../language/generated/ast.js';
import { categoryVerdict, conditionText, routeCategoryVerdict } from '../../language/analysis/conditions.js';
import { buildDocument } from '../services.js';

/** The routes of step `S` and the categories of a workflow whose categories and routes are given. */
async function routesOf(categories: string, routes: string): Promise<{ routes: Route[]; category: (name: string) => Category; errors: string[] }> {
    const document = await buildDocument(`workflow W {\n${categories}\n    automated step S {\n${routes}\n    }\n    outcome A\n    outcome B\n}\n`);
    const workflow = document.parseResult.value.elements[0] as Workflow;
    const step = workflow.steps.find((s) => s.name === 'S')!;
    const errors = [...document.parseResult.parserErrors.map((e) => e.message), ...document.parseResult.lexerErrors.map((e) => e.message)];
    return { routes: 'routes' in step ? step.routes : [], category: (name) => workflow.categories.find((c) => c.name === name)!, errors };
}

describe('compound conditions', () => {
    test('parse with `not` tighter than `and`, `and` tighter than `or`, parentheses grouping', async () => {
        const { routes, errors } = await routesOf('', [
            '        when a == 1 or b == 2 and not c == 3 -> A',
            '        when (a == 1 or b == 2) and c == 3 -> A',
            '        when not (a == 1 and b == 2) -> A',
            '        when "manual label" or x >= 10% -> A',
            '        otherwise -> B',
        ].join('\n'));
        expect(errors).toEqual([]);
        const texts = routes.filter(isWhenRoute).map((route) => conditionText(route.condition));
        expect(texts).toEqual(['a == 1 or (b == 2 and not c == 3)', '(a == 1 or b == 2) and c == 3', 'not (a == 1 and b == 2)', '"manual label" or x >= 10%']);
        const first = routes.find(isWhenRoute)!.condition!;
        expect(first.$type).toBe('OrCondition');
    });

    test('`and`, `or` and `not` are no step names: a route to a step called `and` is a syntax error', async () => {
        const { errors } = await routesOf('', '        when a == 1 and -> A');
        expect(errors.length).toBeGreaterThan(0);
    });
});

describe('what a route says about a category', () => {
    const categories = '    category big "Big" when amount > 10\n    category vip "VIP"';

    test('a condition decides membership only when it tests the category (by name or definition)', async () => {
        const { routes, category } = await routesOf(categories, [
            '        when big -> A',
            '        when amount > 10 and region == "EU" -> A',
            '        when amount <= 10 -> A',
            '        when amount > 99 -> A',
            '        when not vip or not big -> A',
            '        when (big and vip) or (big and region == "EU") -> A',
            '        otherwise -> B',
        ].join('\n'));
        const whens = routes.filter(isWhenRoute);
        const big = category('big');
        expect(whens.map((route) => categoryVerdict(route.condition, big))).toEqual(['in', 'in', 'out', undefined, undefined, 'in']);
        expect(whens.map((route) => categoryVerdict(route.condition, big, false))).toEqual(['out', undefined, 'in', undefined, 'in', undefined]);
    });

    test('a later route knows every earlier condition failed; otherwise knows all did', async () => {
        const { routes, category } = await routesOf(categories, ['        when vip -> A', '        when big -> A', '        when amount > 99 -> A', '        otherwise -> B'].join('\n'));
        const big = category('big');
        const vip = category('vip');
        expect(routes.map((route) => routeCategoryVerdict(routes, route, big))).toEqual([undefined, 'in', 'out', 'out']);
        expect(routes.map((route) => routeCategoryVerdict(routes, route, vip))).toEqual(['in', 'out', 'out', 'out']);
    });
});
