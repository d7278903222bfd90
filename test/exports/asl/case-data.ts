import type { AslDefinition, AslState } from '../../../language/exports/asl/index.js';

/**
 * Case data that takes given branches of a definition's Choice states: for each branch point,
 * values tried from the literals its rules compare with, until the rules before the branch
 * fail and the branch's own rule holds. It reads the definition only (the rules as ASL states
 * them, evaluated as the ASL specification says), so the engine run checks the routing.
 */

type Value = string | number | boolean;
type Rule = Readonly<Record<string, unknown>>;
const ABSENT = Symbol('absent');
type Data = ReadonlyMap<string, Value | typeof ABSENT>;

const NUMERIC: Record<string, (a: number, b: number) => boolean> = {
    NumericEquals: (a, b) => a === b,
    NumericLessThan: (a, b) => a < b,
    NumericLessThanEquals: (a, b) => a <= b,
    NumericGreaterThan: (a, b) => a > b,
    NumericGreaterThanEquals: (a, b) => a >= b,
};
const STRING: Record<string, (a: string, b: string) => boolean> = {
    StringEquals: (a, b) => a === b,
    StringLessThan: (a, b) => a < b,
    StringLessThanEquals: (a, b) => a <= b,
    StringGreaterThan: (a, b) => a > b,
    StringGreaterThanEquals: (a, b) => a >= b,
};

/** `$.case.amount` or `$.case['free text']` → the case field's name. */
function fieldOf(variable: string): string {
    const plain = /^\$\.case\.([A-Za-z_]\w*)$/.exec(variable);
    if (plain) return plain[1];
    const quoted = /^\$\.case\['((?:[^'\\]|\\.)*)'\]$/.exec(variable);
    if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
    throw new Error(`A branch tests ${variable}, which is not a case field.`);
}

export function holds(rule: Rule, data: Data): boolean {
    if (Array.isArray(rule.And)) return rule.And.every((operand: Rule) => holds(operand, data));
    if (Array.isArray(rule.Or)) return rule.Or.some((operand: Rule) => holds(operand, data));
    if (rule.Not) return !holds(rule.Not as Rule, data);
    const value = data.get(fieldOf(rule.Variable as string)) ?? ABSENT;
    if ('IsPresent' in rule) return (value !== ABSENT) === rule.IsPresent;
    if (value === ABSENT) throw new Error(`A rule tests ${String(rule.Variable)} without asking whether it is present: a runtime error in Step Functions.`);
    if ('IsNumeric' in rule) return (typeof value === 'number') === rule.IsNumeric;
    if ('IsString' in rule) return (typeof value === 'string') === rule.IsString;
    if ('BooleanEquals' in rule) return value === rule.BooleanEquals;
    for (const [name, test] of Object.entries(NUMERIC)) if (name in rule) return typeof value === 'number' && test(value, rule[name] as number);
    for (const [name, test] of Object.entries(STRING)) if (name in rule) return typeof value === 'string' && test(value, rule[name] as string);
    throw new Error(`Unknown choice rule ${JSON.stringify(rule)}.`);
}

/** Candidate values per field: around each literal compared with, then absent. */
function candidates(rules: readonly Rule[]): Map<string, Array<Value | typeof ABSENT>> {
    const found = new Map<string, Array<Value | typeof ABSENT>>();
    const visit = (rule: Rule): void => {
        for (const key of ['And', 'Or']) if (Array.isArray(rule[key])) (rule[key] as Rule[]).forEach(visit);
        if (rule.Not) visit(rule.Not as Rule);
        if (typeof rule.Variable !== 'string') return;
        const values = found.get(fieldOf(rule.Variable)) ?? [];
        found.set(fieldOf(rule.Variable), values);
        for (const name of Object.keys(NUMERIC)) if (name in rule) values.push(rule[name] as number, (rule[name] as number) + 1, (rule[name] as number) - 1);
        for (const name of Object.keys(STRING)) if (name in rule) values.push(rule[name] as string, `not ${rule[name] as string}`);
        if ('BooleanEquals' in rule) values.push(true, false);
    };
    rules.forEach(visit);
    for (const values of found.values()) values.push(ABSENT);
    return found;
}

/**
 * Data that takes branch `branch` of a Choice state (its Default when `branch` is the number of
 * its rules), keeping the values `fixed` already gives; undefined when there is none.
 */
export function dataForBranch(state: AslState, branch: number, fixed: Data = new Map()): Map<string, Value | typeof ABSENT> | undefined {
    const rules = state.Choices as unknown as Rule[];
    if (branch > rules.length || (branch === rules.length && state.Default === undefined)) return undefined;
    const fields = [...candidates(rules)].map(([field, values]): [string, Array<Value | typeof ABSENT>] => [field, fixed.has(field) ? [fixed.get(field)!] : values]);
    const assignment = new Map<string, Value | typeof ABSENT>();
    const search = (index: number): boolean => {
        if (index === fields.length) return rules.slice(0, branch).every((rule) => !holds(rule, assignment)) && (branch === rules.length || holds(rules[branch], assignment));
        const [field, values] = fields[index];
        for (const value of values) {
            assignment.set(field, value);
            if (search(index + 1)) return true;
        }
        return false;
    };
    return search(0) ? assignment : undefined;
}

/** The Choice states that are branch points of a step (`Step` for a decision, `Step.Route` otherwise), by step. */
export function branchPoints(definition: AslDefinition): Map<string, AslState> {
    const points = new Map<string, AslState>();
    for (const [name, state] of Object.entries(definition.States)) {
        if (state.Type !== 'Choice') continue;
        if (!name.includes('.')) points.set(name, state);
        else if (name.endsWith('.Route')) points.set(name.slice(0, -'.Route'.length), state);
    }
    return points;
}

/**
 * One case for the whole run: the branches a scenario names, then every other branch point's
 * first branch where the values already chosen allow it (a step the route never reaches may
 * ask for the opposite). Throws when the named branches cannot all be taken.
 */
export function caseFor(definition: AslDefinition, branches: ReadonlyMap<string, number>): Record<string, Value> {
    const chosen = new Map<string, Value | typeof ABSENT>();
    const points = branchPoints(definition);
    for (const step of branches.keys()) if (!points.has(step)) throw new Error(`The scenario picks a branch of ${step}, which has no branches in the definition.`);
    const ordered = [...points].sort(([a], [b]) => Number(branches.has(b)) - Number(branches.has(a)));
    for (const [step, state] of ordered) {
        const data = dataForBranch(state, branches.get(step) ?? 0, chosen);
        if (data) for (const [field, value] of data) chosen.set(field, value);
        else if (branches.has(step)) throw new Error(`No case data takes branch ${branches.get(step)} of ${step} together with the other branches the scenario names.`);
    }
    return Object.fromEntries([...chosen].filter((entry): entry is [string, Value] => entry[1] !== ABSENT));
}
