import type { Condition, Literal, Step, Workflow } from '../../../language/model/schema.js';
import { compare } from './feel.js';

/**
 * Values for the fields a step's `when` routes test, such that branch `branch` is the first
 * route taken (the `otherwise` one: none of the `when` conditions holds). Worked out from the
 * `.hitl` conditions as the language reads them (first holding `when` wins), by trying each
 * field at, just above and just below every value it is compared with.
 */
export function branchVariables(workflow: Workflow, step: Step, branch: number): Map<string, unknown> {
    if (step.kind === 'outcome') throw new Error(`${step.id} does not branch`);
    const routes = step.routes.filter((route) => (route.kind === 'when' || route.kind === 'otherwise') && route.target);
    const candidates = new Map<string, Set<unknown>>();
    const collect = (condition: Condition): void => {
        switch (condition.kind) {
            case 'comparison': {
                const values = candidates.get(condition.field) ?? new Set<unknown>();
                const value = condition.value.value;
                if (typeof value === 'number') [value, value + 1, value - 1].forEach((v) => values.add(v));
                else [value, `not ${value}`].forEach((v) => values.add(v));
                candidates.set(condition.field, values);
                return;
            }
            case 'category':
                return collect(definitionOf(workflow, condition.category));
            case 'and':
            case 'or':
                return condition.operands.forEach(collect);
            case 'not':
                return collect(condition.operand);
            default:
                throw new Error(`The test cannot choose values for a ${condition.kind} condition`);
        }
    };
    for (const route of routes) if (route.kind === 'when') collect(route.condition);
    const fields = [...candidates.keys()];
    const taken = (values: Map<string, unknown>) => {
        const index = routes.findIndex((route) => route.kind === 'otherwise' || (route.kind === 'when' && holds(workflow, route.condition, values)));
        return index;
    };
    const search = (index: number, values: Map<string, unknown>): Map<string, unknown> | undefined => {
        if (index === fields.length) return taken(values) === branch ? new Map(values) : undefined;
        for (const value of candidates.get(fields[index])!) {
            values.set(fields[index], value);
            const found = search(index + 1, values);
            if (found) return found;
        }
        values.delete(fields[index]);
        return undefined;
    };
    const found = search(0, new Map());
    if (!found) throw new Error(`No values make ${step.id} take branch ${branch}`);
    return found;
}

function definitionOf(workflow: Workflow, category: string): Condition {
    const definition = workflow.categories.find((c) => c.id === category)?.definition;
    if (!definition) throw new Error(`Category ${category} has no definition`);
    return definition;
}

function holds(workflow: Workflow, condition: Condition, values: ReadonlyMap<string, unknown>): boolean {
    switch (condition.kind) {
        case 'comparison':
            return compare(values.get(condition.field), condition.operator === '==' ? '=' : condition.operator, literal(condition.value)) === true;
        case 'category':
            return holds(workflow, definitionOf(workflow, condition.category), values);
        case 'and':
            return condition.operands.every((operand) => holds(workflow, operand, values));
        case 'or':
            return condition.operands.some((operand) => holds(workflow, operand, values));
        case 'not':
            return !holds(workflow, condition.operand, values);
        default:
            return false;
    }
}

function literal(value: Literal): unknown {
    return value.value;
}
