import {
    isAndCondition,
    isCategoryTest,
    isComparison,
    isConditionLabel,
    isNameLiteral,
    isNotCondition,
    isOrCondition,
    isQuantity,
    isStringLiteral,
    isWhenRoute,
    isOtherwiseRoute,
    type Category,
    type Condition,
    type Literal,
    type Route,
} from '../generated/ast.js';

/**
 * What route conditions say about an item. A step's `when` routes are tried in the order they
 * are written and the first whose condition holds is taken; `otherwise` is taken when none
 * holds. So a route also tells what is false of the item: every earlier condition.
 */

/** Whether an item of `category` can satisfy (or, with `holds` false, fail) the condition: 'in' when only items of it can, 'out' when none can. */
export type CategoryVerdict = 'in' | 'out' | undefined;

export function categoryVerdict(condition: Condition | undefined, category: Category, holds = true): CategoryVerdict {
    if (!condition) return undefined;
    const test = testsCategory(condition, category);
    if (test !== undefined) return test === holds ? 'in' : 'out';
    if (isNotCondition(condition)) return categoryVerdict(condition.operand, category, !holds);
    if (isAndCondition(condition) || isOrCondition(condition)) {
        // `a and b` holding (or `a or b` failing) means both parts hold (fail): either part decides.
        const both = isAndCondition(condition) === holds;
        const left = categoryVerdict(condition.left, category, holds);
        const right = categoryVerdict(condition.right, category, holds);
        if (both) return left === 'out' || right === 'out' ? 'out' : (left ?? right);
        // One part holds (fails), we do not know which: only a verdict both parts share stands.
        return left === right ? left : undefined;
    }
    return undefined;
}

/**
 * True when the condition is the category (its name, or its defining condition written out),
 * false when it is the defining comparison turned round (`!=` for `==`, `>=` for `<`, …).
 */
function testsCategory(condition: Condition, category: Category): boolean | undefined {
    if (isCategoryTest(condition)) return condition.category?.ref === category ? true : undefined;
    const definition = category.definition;
    if (!definition || isCategoryTest(definition)) return undefined;
    if (conditionText(condition) === conditionText(definition)) return true;
    if (isComparison(condition) && isComparison(definition) && condition.subject === definition.subject && literalText(condition.value) === literalText(definition.value)) {
        if (condition.comparator && OPPOSITE[condition.comparator] === definition.comparator) return false;
    }
    return undefined;
}

const OPPOSITE: Record<string, string> = { '==': '!=', '!=': '==', '<': '>=', '>=': '<', '>': '<=', '<=': '>' };

/** What taking `route` out of its step says about membership of `category`. */
export function routeCategoryVerdict(routes: readonly Route[], route: Route, category: Category): CategoryVerdict {
    if (!isWhenRoute(route) && !isOtherwiseRoute(route)) return undefined;
    const verdicts: CategoryVerdict[] = [];
    for (const earlier of routes) {
        if (earlier === route) break;
        if (isWhenRoute(earlier)) verdicts.push(categoryVerdict(earlier.condition, category, false));
    }
    if (isWhenRoute(route)) verdicts.push(categoryVerdict(route.condition, category, true));
    // Contradicting facts mean no item takes the route: nothing of the category either.
    if (verdicts.includes('out')) return 'out';
    return verdicts.includes('in') ? 'in' : undefined;
}

const PRECEDENCE = { OrCondition: 1, AndCondition: 2, NotCondition: 3 } as const;

/** The condition as canonical text: single spaces, parentheses only where precedence needs them. */
export function conditionText(condition: Condition | undefined): string {
    if (!condition) return '?';
    if (isComparison(condition)) return `${condition.subject ?? '?'} ${condition.comparator ?? '?'} ${literalText(condition.value)}`;
    if (isCategoryTest(condition)) return condition.category?.$refText ?? '?';
    if (isConditionLabel(condition)) return JSON.stringify(condition.label ?? '');
    const own = PRECEDENCE[condition.$type];
    const part = (inner: Condition | undefined) => {
        const text = conditionText(inner);
        const innerPrecedence = inner && inner.$type in PRECEDENCE ? PRECEDENCE[inner.$type as keyof typeof PRECEDENCE] : 4;
        // `and` inside `or` is bracketed too: correct without, but misread by people.
        const binary = isAndCondition(inner) || isOrCondition(inner);
        return innerPrecedence < own || (binary && inner.$type !== condition.$type) ? `(${text})` : text;
    };
    if (isNotCondition(condition)) return `not ${part(condition.operand)}`;
    return `${part(condition.left)} ${isAndCondition(condition) ? 'and' : 'or'} ${part(condition.right)}`;
}

export function literalText(literal: Literal | undefined): string {
    if (isQuantity(literal)) return `${literal.value}${literal.unit ?? ''}`;
    if (isStringLiteral(literal)) return JSON.stringify(literal.text);
    if (isNameLiteral(literal)) return literal.identifier;
    return '?';
}
