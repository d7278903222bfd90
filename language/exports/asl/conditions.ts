import type { Category, Condition, Literal } from '../../model/schema.js';
import type { ChoiceRule, JsonObject } from './definition.js';

/**
 * A route condition as an ASL Choice rule over the case data (`$.case`). Every test first
 * asks that the field is there and of the literal's type: a Choice on a missing field is a
 * runtime error in Step Functions, and a case without the field takes no route that tests it
 * (as the simulator does).
 */

const NUMERIC: Record<string, string> = { '==': 'NumericEquals', '<': 'NumericLessThan', '<=': 'NumericLessThanEquals', '>': 'NumericGreaterThan', '>=': 'NumericGreaterThanEquals' };
const STRING: Record<string, string> = { '==': 'StringEquals', '<': 'StringLessThan', '<=': 'StringLessThanEquals', '>': 'StringGreaterThan', '>=': 'StringGreaterThanEquals' };

/** A JSONPath into the case: dot notation for a plain name, brackets (quoted) otherwise. */
export function casePath(name: string): string {
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `$.case.${name}` : `$.case['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

function typed(variable: string, literal: Literal, operator: string): ChoiceRule {
    const numeric = literal.type === 'number' || literal.type === 'percentage';
    const comparator = (numeric ? NUMERIC : STRING)[operator === '!=' ? '==' : operator];
    const test: JsonObject = { Variable: variable, [comparator]: literal.value };
    return {
        And: [{ Variable: variable, IsPresent: true }, { Variable: variable, [numeric ? 'IsNumeric' : 'IsString']: true }, operator === '!=' ? { Not: test } : test],
    };
}

/** A boolean case field: an undefined category, or a condition written as text, is true when the case says so. */
function flag(name: string): ChoiceRule {
    const variable = casePath(name);
    return { And: [{ Variable: variable, IsPresent: true }, { Variable: variable, BooleanEquals: true }] };
}

/** `within`: the categories being written out, so one defined by itself is refused rather than followed forever. */
export function choiceRule(condition: Condition, categories: readonly Category[], within: ReadonlySet<string> = new Set()): ChoiceRule {
    switch (condition.kind) {
        case 'comparison':
            return typed(casePath(condition.field), condition.value, condition.operator);
        case 'category': {
            if (within.has(condition.category)) throw new Error(`Category '${condition.category}' is defined in terms of itself; fix the workspace's errors before exporting.`);
            const definition = categories.find((category) => category.id === condition.category)?.definition;
            return definition ? choiceRule(definition, categories, new Set([...within, condition.category])) : flag(condition.category);
        }
        case 'label':
            return flag(condition.label);
        case 'and':
            return { And: condition.operands.map((operand) => choiceRule(operand, categories, within)) };
        case 'or':
            return { Or: condition.operands.map((operand) => choiceRule(operand, categories, within)) };
        case 'not':
            return { Not: choiceRule(condition.operand, categories, within) };
        case 'incomplete':
            throw new Error(`The condition '${condition.text}' is incomplete; fix the workspace's errors before exporting.`);
    }
}
