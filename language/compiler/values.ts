import type { AstNode } from 'langium';
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
    type Condition as AstCondition,
    type Literal as AstLiteral,
    type Quantity as AstQuantity,
} from '../generated/ast.js';
import { conditionText } from '../analysis/conditions.js';
import { parseDate, parseDuration, quantityValue } from '../util/quantities.js';
import type { Condition, Duration, Literal, Quantity, SourceRange } from '../model/schema.js';

/** How the compiler turns the AST's values into the model's: ranges, durations, quantities, dates, conditions. */

/** A node's source range, 1-based; a node without text (recovered by the parser) gets the file's first position. */
export function rangeOf(node: AstNode, file: string): SourceRange {
    const range = node.$cstNode?.range;
    if (!range) return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
    return { file, line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

const ISO_UNITS: Record<string, (amount: number) => string> = {
    ms: (n) => `PT${n / 1000}S`,
    s: (n) => `PT${n}S`,
    m: (n) => `PT${n}M`,
    h: (n) => `PT${n}H`,
    d: (n) => `P${n}D`,
    w: (n) => `P${n}W`,
    mo: (n) => `P${n}M`,
    y: (n) => `P${n}Y`,
};

/** `24h` → 86,400 seconds and `PT24H`; undefined for text that is no duration (the checker reports it). */
export function duration(text: string | undefined): Duration | undefined {
    const parsed = text === undefined ? undefined : parseDuration(text);
    if (!parsed) return undefined;
    return { seconds: parsed.milliseconds / 1000, iso: ISO_UNITS[parsed.unit](parsed.amount) };
}

export function quantity(node: AstQuantity | undefined): Quantity | undefined {
    if (!node || typeof node.value !== 'number') return undefined;
    return { value: quantityValue(node), percent: node.unit === '%' };
}

/** A quantity that must be a fraction (a confidence, a probability, a rate); undefined when out of range (the checker reports it). */
export function fraction(node: AstQuantity | undefined): number | undefined {
    const value = quantity(node)?.value;
    return value !== undefined && value >= 0 && value <= 1 ? value : undefined;
}

/** A date that exists, as YYYY-MM-DD; undefined otherwise (the checker reports it). */
export function isoDate(text: string | undefined): string | undefined {
    return text !== undefined && parseDate(text) ? text : undefined;
}

function literal(node: AstLiteral | undefined): Literal | undefined {
    if (isQuantity(node)) return typeof node.value === 'number' ? { type: node.unit === '%' ? 'percentage' : 'number', value: quantityValue(node) } : undefined;
    if (isStringLiteral(node)) return typeof node.text === 'string' ? { type: 'text', value: node.text } : undefined;
    if (isNameLiteral(node)) return node.identifier ? { type: 'name', value: node.identifier } : undefined;
    return undefined;
}

/**
 * A condition as a tree: `a and b and c` is one `and` node with three operands (the parser
 * nests them to the left), parentheses disappear, a part that does not parse is `incomplete`.
 */
export function condition(node: AstCondition | undefined): Condition {
    const incomplete: Condition = { kind: 'incomplete', text: conditionText(node) };
    if (!node) return incomplete;
    if (isComparison(node)) {
        const value = literal(node.value);
        return node.subject && node.comparator && value ? { kind: 'comparison', field: node.subject, operator: node.comparator, value } : incomplete;
    }
    if (isCategoryTest(node)) return node.category?.ref?.name ? { kind: 'category', category: node.category.ref.name } : incomplete;
    if (isConditionLabel(node)) return typeof node.label === 'string' ? { kind: 'label', label: node.label } : incomplete;
    if (isNotCondition(node)) return { kind: 'not', operand: condition(node.operand) };
    if (isAndCondition(node) || isOrCondition(node)) {
        const kind = isAndCondition(node) ? 'and' : 'or';
        const operands: Condition[] = [];
        for (const part of [node.left, node.right]) {
            const compiled = condition(part);
            if (compiled.kind === kind) operands.push(...compiled.operands);
            else operands.push(compiled);
        }
        return { kind, operands };
    }
    return incomplete;
}
