import type { Condition, Literal, Workflow } from '../../model/schema.js';

/**
 * A route condition as a FEEL boolean expression (without the leading `=` Zeebe wants), over
 * process variables named as the fields the `.hitl` file tests. A category is its defining
 * condition written out; a category without one, and a free-text label, become boolean
 * variables the job workers set (`category_<Name>`, `label_<words>`), since FEEL cannot know them.
 */
export function feelCondition(condition: Condition, workflow: Workflow, seen: ReadonlySet<string> = new Set()): string {
    switch (condition.kind) {
        case 'comparison':
            return `${feelName(condition.field)} ${condition.operator === '==' ? '=' : condition.operator} ${feelLiteral(condition.value)}`;
        case 'category': {
            const definition = workflow.categories.find((category) => category.id === condition.category)?.definition;
            // A category defined by itself (through others) cannot be written out: the variable stands for it.
            if (!definition || seen.has(condition.category)) return `${feelName(`category_${condition.category}`)} = true`;
            return `(${feelCondition(definition, workflow, new Set([...seen, condition.category]))})`;
        }
        case 'label':
            return `${feelName(`label_${condition.label.toLowerCase().replace(/\W+/g, '_').replace(/^_|_$/g, '')}`)} = true`;
        case 'and':
        case 'or':
            return condition.operands.map((operand) => wrap(operand, workflow, seen)).join(` ${condition.kind} `);
        case 'not':
            return `not(${feelCondition(condition.operand, workflow, seen)})`;
        case 'incomplete':
            throw new Error(`The condition '${condition.text}' is incomplete: fix the workflow's errors before exporting it.`);
    }
}

function wrap(condition: Condition, workflow: Workflow, seen: ReadonlySet<string>): string {
    const text = feelCondition(condition, workflow, seen);
    return condition.kind === 'and' || condition.kind === 'or' ? `(${text})` : text;
}

/** A bare name compares as text (`region == EU` means the text "EU"), as in the simulator. */
function feelLiteral(literal: Literal): string {
    if (literal.type === 'number' || literal.type === 'percentage') return String(literal.value);
    return JSON.stringify(literal.value);
}

/** A dotted field is a path into a context variable; a name FEEL reads otherwise (a keyword) is quoted with backticks. */
function feelName(field: string): string {
    return field
        .split('.')
        .map((part) => (/^[A-Za-z_][\w]*$/.test(part) && !FEEL_KEYWORDS.has(part) ? part : `\`${part}\``))
        .join('.');
}

const FEEL_KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'true', 'false', 'null', 'if', 'then', 'else', 'for', 'in', 'return', 'some', 'every', 'satisfies', 'between', 'instance', 'of', 'function', 'external']);
