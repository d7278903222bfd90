import { parser } from '@bpmn-io/lezer-feel';
import type { SyntaxNode } from '@lezer/common';

/**
 * The FEEL the BPMN export writes in its conditions, evaluated for bpmn-engine (which has no
 * FEEL of its own): parsed by lezer-feel, the grammar Camunda's tools use, and evaluated for
 * the part of FEEL the export writes (comparisons, and/or, not, paths, literals). Anything
 * else is refused, so the test cannot pass on an expression it does not understand.
 */
export function evaluateFeel(expression: string, variables: ReadonlyMap<string, unknown>): unknown {
    const tree = parser.parse(expression);
    let broken = false;
    tree.iterate({ enter: (node) => void (node.type.isError && (broken = true)) });
    if (broken) throw new Error(`FEEL does not parse: ${expression}`);
    const text = (node: SyntaxNode) => expression.slice(node.from, node.to);
    const children = (node: SyntaxNode) => {
        const list: SyntaxNode[] = [];
        for (let child = node.firstChild; child; child = child.nextSibling) list.push(child);
        return list;
    };
    const evaluate = (node: SyntaxNode): unknown => {
        switch (node.name) {
            case 'Expression':
            case 'ParenthesizedExpression':
            case 'PositionalParameters': {
                const inner = children(node).filter((child) => child.name !== '(' && child.name !== ')');
                if (inner.length !== 1) throw new Error(`Unexpected FEEL in ${expression}`);
                return evaluate(inner[0]);
            }
            case 'Disjunction':
                return children(node).filter((child) => child.name !== 'or').some((child) => evaluate(child) === true);
            case 'Conjunction':
                return children(node).filter((child) => child.name !== 'and').every((child) => evaluate(child) === true);
            case 'Comparison': {
                const [left, op, right] = children(node);
                return compare(evaluate(left), text(op), evaluate(right));
            }
            case 'FunctionInvocation': {
                const [name, , parameters] = children(node);
                if (text(name) !== 'not') throw new Error(`Unexpected FEEL function in ${expression}`);
                return evaluate(parameters) === false ? true : evaluate(parameters) === true ? false : null;
            }
            case 'VariableName':
                return variables.get(text(node).replace(/`/g, ''));
            case 'PathExpression': {
                const [base, name] = children(node);
                const value = evaluate(base) as Record<string, unknown> | undefined;
                return value?.[text(name).replace(/`/g, '')];
            }
            case 'NumericLiteral':
                return Number(text(node));
            case 'StringLiteral':
                return JSON.parse(text(node));
            case 'BooleanLiteral':
                return text(node) === 'true';
            default:
                throw new Error(`Unexpected FEEL (${node.name}) in ${expression}`);
        }
    };
    return evaluate(tree.topNode);
}

/** FEEL compares values of one type; anything else (a missing variable, say) is null, which no gateway takes. */
export function compare(left: unknown, op: string, right: unknown): boolean | null {
    if (left === undefined || left === null || right === undefined || right === null || typeof left !== typeof right) return null;
    const a = left as number | string | boolean;
    const b = right as number | string | boolean;
    switch (op) {
        case '=':
            return a === b;
        case '!=':
            return a !== b;
        case '<':
            return a < b;
        case '<=':
            return a <= b;
        case '>':
            return a > b;
        case '>=':
            return a >= b;
    }
    throw new Error(`Unexpected FEEL comparison ${op}`);
}
