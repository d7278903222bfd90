import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { z } from 'zod';
import { SCHEMA_BASE_URI } from '../model/json-schema.js';
import type { Condition, HitlModel, Workflow } from '../model/schema.js';
import { GATE_ACTIONS } from '../model/vocabulary.js';
import { nearestNames } from '../references/nearest-names.js';
import { parseDate, parseDuration } from '../util/quantities.js';
import { startEpochOf } from './arrivals.js';
import { isTimeZone, parseWallTime, wallToEpoch } from './calendar.js';
import { DEFAULTS, type Scenario } from './scenario.js';

/**
 * The scenario file: YAML, validated here, mapped to the engine's {@link Scenario}. Pure: the
 * CLI reads the file (and any CSV trace it names) and passes the text in. Times are written as
 * durations (`30s`, `15m`, `2h`, `1d`) and become seconds; probabilities are fractions.
 */

const DURATION_PATTERN = /^(\d+)(ms|mo|s|m|h|d|w|y)$/;
const DURATION_HINT = 'a duration such as 30s, 15m, 2h or 1d';

const Duration = z
    .string({ error: `expected ${DURATION_HINT}` })
    .regex(DURATION_PATTERN, { error: `expected ${DURATION_HINT}` })
    .transform((text) => parseDuration(text)!.milliseconds / 1000)
    .meta({ description: `A duration: ${DURATION_HINT} (ms, s, m, h, d, w, mo = 30 d, y = 365 d).` });
const PositiveDuration = Duration.refine((seconds) => seconds > 0, { error: 'must be longer than 0' });
const PROBABILITY = { error: 'expected a probability from 0 to 1' };
const Probability = z.number(PROBABILITY).min(0, PROBABILITY).max(1, PROBABILITY);
const Positive = z.number().positive();
const Count = z.number().int({ error: 'expected a whole number' });

/** The distributions over a value (durations or plain numbers): the engine's {@link Distribution} kinds but beta. */
function distributionOf(value: z.ZodType<number, unknown>, positive: z.ZodType<number, unknown>, what: string) {
    return z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('fixed'), value }),
        z.strictObject({ kind: z.literal('exponential'), mean: positive }),
        z.strictObject({ kind: z.literal('lognormal'), mean: positive, sd: positive }).meta({ description: 'Mean and standard deviation of the variable itself, not of its logarithm.' }),
        z.strictObject({ kind: z.literal('gamma'), shape: Positive, scale: positive }),
        z
            .strictObject({ kind: z.literal('triangular'), min: value, mode: value, max: value })
            .refine((d) => d.min <= d.mode && d.mode <= d.max && d.min < d.max, { error: 'needs min <= mode <= max and min < max', path: ['mode'] }),
        z.strictObject({ kind: z.literal('uniform'), min: value, max: value }).refine((d) => d.min < d.max, { error: 'needs min < max', path: ['max'] }),
        z
            .strictObject({ kind: z.literal('empirical'), values: z.array(value).min(1), weights: z.array(z.number().min(0)).optional() })
            .refine((d) => !d.weights || d.weights.length === d.values.length, { error: 'needs as many weights as values', path: ['weights'] })
            .refine((d) => !d.weights || d.weights.some((w) => w > 0), { error: 'needs a weight above 0', path: ['weights'] }),
    ]).meta({ description: `A distribution of ${what}: fixed, exponential, lognormal, gamma, triangular, uniform or empirical.` });
}

const DurationDistribution = distributionOf(Duration, PositiveDuration, 'a duration');
const NumberDistribution = distributionOf(z.number(), Positive, 'a number');

/** A histogram of confidences becomes an empirical distribution over its bins' midpoints. */
const Histogram = z
    .strictObject({
        kind: z.literal('histogram'),
        bins: z.array(z.strictObject({ from: Probability, to: Probability, weight: z.number().min(0) })).min(1),
    })
    .refine((h) => h.bins.every((bin) => bin.from < bin.to), { error: "each bin needs 'from' below 'to'", path: ['bins'] })
    .refine((h) => h.bins.some((bin) => bin.weight > 0), { error: 'needs a bin with a weight above 0', path: ['bins'] })
    .transform((h) => ({ kind: 'empirical' as const, values: h.bins.map((bin) => (bin.from + bin.to) / 2), weights: h.bins.map((bin) => bin.weight) }));

const ConfidenceDistribution = z
    .discriminatedUnion('kind', [z.strictObject({ kind: z.literal('beta'), alpha: Positive, beta: Positive }), Histogram])
    .meta({ description: 'The confidence of an AI output, drawn per case: beta {alpha, beta} or histogram {bins: [{from, to, weight}]}.' });

/** Probabilities of mutually exclusive events: each in [0, 1], the sum at most 1 (or exactly 1). */
const TOLERANCE = 1e-9;
const sum = (values: Record<string, number | undefined>) => Object.values(values).reduce<number>((total, value) => total + (value ?? 0), 0);

const Failures = z
    .strictObject({ unavailable: Probability.optional(), 'abnormal-output': Probability.optional(), error: Probability.optional() })
    .refine((failures) => sum(failures) <= 1 + TOLERANCE, { error: 'failure probabilities must sum to at most 1' })
    .meta({ description: 'The probability of each failure mode per run of the AI step; modes are exclusive, so they sum to at most 1.' });

const Actions = z
    .strictObject(Object.fromEntries(GATE_ACTIONS.map((action) => [action, Probability.optional()])) as Record<(typeof GATE_ACTIONS)[number], z.ZodOptional<typeof Probability>>)
    .refine((actions) => Math.abs(sum(actions) - 1) <= TOLERANCE, { error: 'action probabilities must sum to 1' })
    .meta({ description: "The reviewer's action probabilities at a gate: only actions the gate allows, summing to 1." });

const Discipline = z.enum(['fifo', 'risk']).meta({ description: 'The order waiting items are taken in: fifo (first come first served) or risk (the highest risk grade of the decisions ahead first, then first come).' });

const WALL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const WallTime = z
    .string()
    .regex(WALL_TIME, { error: 'expected a local time YYYY-MM-DDTHH:MM' })
    .refine((text) => parseWallTime(text) !== undefined, { error: 'no such date or time' });
const TimeZone = z
    .string()
    .refine(isTimeZone, { error: 'expected an IANA time zone such as Europe/London or UTC' })
    .meta({ description: 'An IANA time zone name (Europe/London, America/New_York, UTC).' });

/** An outage bound: a duration from the start of the run, or a local time (in the scenario's time zone), resolved once the start is known. */
const OutageTime = z
    .string({ error: `expected ${DURATION_HINT} from the start, or a local time YYYY-MM-DDTHH:MM` })
    .refine((text) => DURATION_PATTERN.test(text) || parseWallTime(text) !== undefined, { error: `expected ${DURATION_HINT} from the start, or a local time YYYY-MM-DDTHH:MM` });
const Outage = z.strictObject({ from: OutageTime, to: OutageTime }).meta({ description: 'A window in which every run of the AI step fails `unavailable`: offsets from the start (2d) or local times (2026-01-07T09:00).' });

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const HOURS_PATTERN = /^([a-z,-]+)\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;
const HOURS_HINT = "expected days and hours such as 'mon-fri 09:00-17:00' or 'sat,sun 10:00-14:00'";

/** `mon-fri 09:00-17:00` as weekdays (0 = Monday) and seconds of the day; undefined when it does not read so. */
function parseHours(text: string): { days: number[]; from: number; to: number } | undefined {
    const match = HOURS_PATTERN.exec(text.trim().toLowerCase());
    if (!match) return undefined;
    const days = new Set<number>();
    for (const part of match[1].split(',')) {
        const [first, last] = part.split('-');
        const from = DAYS.indexOf(first);
        const to = last === undefined ? from : DAYS.indexOf(last);
        if (from < 0 || to < 0 || to < from) return undefined;
        for (let day = from; day <= to; day++) days.add(day);
    }
    const [h1, m1, h2, m2] = match.slice(2).map(Number);
    if (m1 > 59 || m2 > 59 || h1 > 23 || h2 > 24 || (h2 === 24 && m2 > 0)) return undefined;
    return { days: [...days], from: h1 * 3600 + m1 * 60, to: h2 * 3600 + m2 * 60 };
}

const Hours = z
    .string({ error: HOURS_HINT })
    .refine((text) => parseHours(text) !== undefined, { error: HOURS_HINT })
    .refine((text) => {
        const hours = parseHours(text);
        return !hours || hours.from < hours.to;
    }, { error: 'the hours must end after they start (write a night shift as two ranges)' })
    .transform((text) => parseHours(text)!);

const Calendar = z
    .strictObject({
        hours: z.array(Hours).min(1, { error: 'a calendar needs working hours: people who never work would leave every item waiting' }),
        timeZone: TimeZone.optional(),
        holidays: z.array(z.string().refine((text) => parseDate(text) !== undefined, { error: 'expected a date YYYY-MM-DD' })).optional(),
    })
    .meta({ description: "When the role's people start work: hours per weekday ('mon-fri 09:00-17:00'), a time zone (else the scenario's) and holidays (YYYY-MM-DD)." });

const Step = z.strictObject({
    duration: DurationDistribution.optional().meta({ description: 'AI step: latency; gate and queue: handling time; automated step and effect: processing time.' }),
    confidence: ConfidenceDistribution.optional(),
    failures: Failures.optional(),
    actions: Actions.optional(),
    outages: z.array(Outage).optional().meta({ description: 'AI step: windows in which every run fails unavailable and takes its fallback.' }),
    discipline: Discipline.optional().meta({ description: "Gate or queue: the order its items are taken in (else the role's)." }),
    branches: z
        .array(z.number().min(0))
        .min(1)
        .refine((weights) => weights.some((weight) => weight > 0), { error: 'needs a weight above 0' })
        .optional()
        .meta({ description: 'A step whose routes branch: the weight of each `when`/`otherwise` route in declared order, in place of the probability hints and the case attributes.' }),
});

const Role = z.strictObject({
    staff: Count.min(1).optional().meta({ description: 'How many people of this party work the items sent to it.' }),
    handling: DurationDistribution.optional().meta({ description: 'How long one of them takes at an escalation level.' }),
    calendar: Calendar.optional(),
    discipline: Discipline.optional(),
});

const Attribute = z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('number'), distribution: NumberDistribution }),
    z
        .strictObject({ kind: z.literal('choice'), values: z.record(z.string(), Probability) })
        .refine((choice) => Math.abs(sum(choice.values) - 1) <= TOLERANCE, { error: 'choice probabilities must sum to 1', path: ['values'] }),
]);

const Arrivals = z
    .discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('poisson'), ratePerHour: Positive }),
        z
            .strictObject({ kind: z.literal('weekly'), ratePerHour: z.array(z.number().min(0)).length(168) })
            .refine((weekly) => weekly.ratePerHour.some((rate) => rate > 0), { error: 'needs an hour with a rate above 0', path: ['ratePerHour'] })
            .meta({ description: 'A rate for each of the 168 hours of the week, Monday 00:00 first.' }),
        z.strictObject({ kind: z.literal('trace'), file: z.string().min(1), column: z.string().min(1).optional() }).meta({ description: 'Arrival times from a CSV file, relative to the scenario file.' }),
    ])
    .meta({ description: 'How cases arrive: poisson {ratePerHour}, weekly {ratePerHour: 168 rates} or trace {file, column}.' });

export const ScenarioFile = z
    .strictObject({
        cases: Count.min(1).optional().meta({ description: 'How many cases arrive; the run then drains.' }),
        horizon: PositiveDuration.optional().meta({ description: 'Stop at this simulated time instead; cases in flight count as in progress.' }),
        warmupCases: Count.min(0).optional().meta({ description: 'The first cases to arrive are left out of the statistics.' }),
        start: WallTime.optional().meta({ description: `The local time the run starts at, YYYY-MM-DDTHH:MM (default ${DEFAULTS.start}, a Monday).` }),
        timeZone: TimeZone.optional().meta({ description: 'The time zone of start, outage times, weekly arrival hours and calendars without their own (default UTC).' }),
        arrivals: Arrivals.optional(),
        roles: z.record(z.string(), Role).optional().meta({ description: 'Per role or team: staff and handling time.' }),
        steps: z.record(z.string(), Step).optional().meta({ description: 'Per step of the workflow.' }),
        attributes: z.record(z.string(), Attribute).optional().meta({ description: 'Case attributes drawn at arrival, tested by `when` routes.' }),
    })
    .refine((file) => file.cases === undefined || file.warmupCases === undefined || file.warmupCases < file.cases, { error: 'must be fewer than cases', path: ['warmupCases'] })
    .meta({ title: 'hitl simulation scenario', description: 'What a simulation run assumes beyond what the workflow declares; anything left out takes the documented defaults.' });

export const SCENARIO_SCHEMA_ID = `${SCHEMA_BASE_URI}scenario.schema.json`;
/** The committed copy for editors: docs/schemas/<this>. */
export const SCENARIO_SCHEMA_FILE_NAME = 'hitl.scenario.schema.json';

/** The scenario file's JSON Schema (2020-12), for editors. It checks the shape; sums, ranges between fields and names are checked by {@link parseScenario}. */
export function scenarioJsonSchema(): Record<string, unknown> {
    const { $schema, ...rest } = z.toJSONSchema(ScenarioFile, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
    return { $schema, $id: SCENARIO_SCHEMA_ID, ...rest };
}

/** The JSON Schema as the file editors point at: two-space JSON with a final newline. */
export function renderScenarioSchema(): string {
    return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}

// ---------------------------------------------------------------- parsing with positions

export interface ScenarioProblem {
    /** 1-based. */
    readonly line: number;
    /** 1-based. */
    readonly column: number;
    /** Where in the file, as keys and indexes (`steps.Review.actions`). */
    readonly path: string;
    readonly message: string;
}

export type ScenarioParse = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly problems: readonly ScenarioProblem[] };

type Segment = string | number;

/** The scenario file's text as a {@link Scenario} for a workflow of the model, or its problems with line and column. */
export function parseScenario(text: string, model: HitlModel, workflowId: string): ScenarioParse {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const at = (offset: number, path: readonly Segment[], message: string): ScenarioProblem => {
        const { line, col } = lineCounter.linePos(offset);
        return { line, column: col, path: path.join('.'), message };
    };
    if (document.errors.length > 0) {
        return fail(document.errors.map((error) => at(error.pos[0], [], error.code === 'MULTIPLE_DOCS' ? 'a scenario file holds one YAML document; this is where a second one starts' : error.message)));
    }

    const data: unknown = document.toJS({ maxAliasCount: 100 }) ?? {};
    const locate = (path: readonly Segment[], key = false) => at(offsetOf(document.contents, path, key), path, '');
    const names = checkNames(data, model, workflowId).map((problem) => ({ ...locate(problem.path, problem.key ?? false), message: problem.message }));
    const parsed = ScenarioFile.safeParse(data);
    if (!parsed.success) {
        const problems: ScenarioProblem[] = [];
        const pathOf = (issue: z.core.$ZodIssue) => issue.path.filter((segment): segment is Segment => typeof segment !== 'symbol');
        // A check across fields (a sum, an order) is left out where a field inside it is wrong already: it would only echo that.
        const specific = parsed.error.issues.filter((issue) => issue.code !== 'custom').map((issue) => [...pathOf(issue), ...(issue.code === 'unrecognized_keys' ? ['*'] : [])].join('\u0000'));
        const echoes = (issue: z.core.$ZodIssue) => {
            const prefix = pathOf(issue).join('\u0000');
            return issue.code === 'custom' && specific.some((other) => other !== prefix && (prefix === '' || other.startsWith(prefix + '\u0000')));
        };
        // A key left out because it was misspelt is reported once, as the misspelling.
        const suggested = new Set<string>();
        const unknownFirst = [...parsed.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
        for (const issue of unknownFirst) {
            if (echoes(issue)) continue;
            const path = pathOf(issue);
            if (issue.code === 'unrecognized_keys') {
                for (const name of issue.keys) {
                    const known = knownKeys(data, path);
                    // Near by spelling, else a key it begins (`warmup` for `warmupCases`).
                    const spelled = nearestNames(name, known);
                    const near = spelled.length > 0 ? spelled : known.filter((candidate) => candidate.toLowerCase().startsWith(name.toLowerCase()));
                    const hint = near.length > 0 ? `; did you mean ${quoteList(near)}?` : known.length > 0 ? `; expected one of ${quoteList(known)}` : '';
                    problems.push({ ...locate([...path, name], true), message: `unknown key '${name}'${hint}` });
                    for (const candidate of near) suggested.add([...path, candidate].join('\u0000'));
                }
                continue;
            }
            const missing = path.length > 0 && valueAt(data, path) === undefined;
            if (missing && suggested.has(path.join('\u0000'))) continue;
            const message = missing ? `missing '${path[path.length - 1]}'` : describe(issue);
            problems.push({ ...locate(path, missing), message });
        }
        return fail([...problems, ...names]);
    }
    if (names.length > 0) return fail(names);
    const { steps, ...rest } = parsed.data;
    const windows: ScenarioProblem[] = [];
    const resolved = steps && Object.fromEntries(Object.entries(steps).map(([id, { outages, ...settings }]) => [id, outages ? { ...settings, outages: outages.map((outage, index) => {
        const window = { from: outageTime(outage.from, rest), to: outageTime(outage.to, rest) };
        if (window.to <= window.from) windows.push({ ...locate(['steps', id, 'outages', index, 'to']), message: "an outage must end after it starts" });
        return window;
    }) } : settings]));
    if (windows.length > 0) return fail(windows);
    const scenario: Scenario = { ...rest, ...(resolved ? { steps: resolved } : {}) };
    return { ok: true, scenario };
}

/** An outage bound in seconds from the start: a duration as it is, a local time from the scenario's start. */
function outageTime(text: string, scenario: Pick<Scenario, 'start' | 'timeZone'>): number {
    const duration = parseDuration(text);
    if (duration) return duration.milliseconds / 1000;
    return (wallToEpoch(parseWallTime(text)!, scenario.timeZone ?? DEFAULTS.timeZone) - startEpochOf(scenario)) / 1000;
}

function fail(problems: ScenarioProblem[]): ScenarioParse {
    const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
    return { ok: false, problems: sorted };
}

function describe(issue: z.core.$ZodIssue): string {
    if (issue.code === 'invalid_union' && issue.discriminator && 'options' in issue && issue.options) {
        return `expected ${issue.discriminator} to be one of ${quoteList(issue.options.map(String))}`;
    }
    if (issue.code === 'invalid_value') return `expected one of ${quoteList(issue.values.map(String))}`;
    // zod's own wording of a bound ('Too small: …'), not a message written here, reads as a rule.
    if ((issue.code === 'too_small' || issue.code === 'too_big') && /^Too (small|big)/.test(issue.message)) {
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const words = issue.code === 'too_small' ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than';
        if (issue.origin === 'number') return `must be ${words} ${String(bound)}`;
        if (issue.origin === 'array') return `needs ${issue.exact ? 'exactly' : words} ${String(bound)} ${Number(bound) === 1 ? 'item' : 'items'}`;
        if (issue.origin === 'string') return 'must not be empty';
    }
    // zod's wording, less its prefix: 'expected object, received array'.
    return issue.message.replace(/^Invalid input: /, '');
}

function quoteList(names: readonly string[]): string {
    return names.map((name) => `'${name}'`).join(', ');
}

/** The keys the object at this path may have, read from the schema (a union's member chosen by the `kind` written), for did-you-mean. */
function knownKeys(data: unknown, path: readonly Segment[]): string[] {
    let schema: z.core.$ZodType | undefined = unwrap(ScenarioFile);
    let value = data;
    for (const segment of path) {
        schema = schema && unwrap(childOf(schema, value, segment));
        value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
    }
    const object = schema && unwrap(pickMember(schema, value));
    return object?._zod.def.type === 'object' ? Object.keys((object as z.core.$ZodObject)._zod.def.shape) : [];
}

function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
    let current = schema;
    for (;;) {
        const def = current?._zod.def;
        if (def?.type === 'optional') current = (def as z.core.$ZodOptionalDef).innerType;
        else if (def?.type === 'pipe') current = (def as z.core.$ZodPipeDef).in;
        else return current;
    }
}

function pickMember(schema: z.core.$ZodType, value: unknown): z.core.$ZodType | undefined {
    const def = schema._zod.def;
    if (def.type !== 'union') return schema;
    const kind = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).kind : undefined;
    return (def as z.core.$ZodUnionDef).options.find((option) => {
        const member = unwrap(option);
        const literal = member?._zod.def.type === 'object' ? (member as z.core.$ZodObject)._zod.def.shape.kind : undefined;
        return literal?._zod.def.type === 'literal' && (literal as z.core.$ZodLiteral)._zod.def.values.includes(kind as never);
    });
}

function childOf(schema: z.core.$ZodType, value: unknown, segment: Segment): z.core.$ZodType | undefined {
    const member = unwrap(pickMember(schema, value));
    const def = member?._zod.def;
    if (def?.type === 'object') return (def as z.core.$ZodObjectDef).shape[segment];
    if (def?.type === 'record') return (def as z.core.$ZodRecordDef).valueType;
    if (def?.type === 'array') return (def as z.core.$ZodArrayDef).element;
    return undefined;
}

function valueAt(data: unknown, path: readonly Segment[]): unknown {
    let value = data;
    for (const segment of path) {
        if (value === null || typeof value !== 'object') return undefined;
        value = (value as Record<string, unknown>)[segment];
    }
    return value;
}

/**
 * The offset of the node at a path (its key when `key`), else of the deepest node on the way:
 * a missing key points at the key of the object that lacks it.
 */
function offsetOf(root: Node | null, path: readonly Segment[], key: boolean): number {
    let node: unknown = root;
    let lastKey: Node | undefined;
    for (let index = 0; index < path.length; index++) {
        const segment = path[index];
        let next: unknown;
        if (isMap(node)) {
            const pair = node.items.find((item: Pair) => isScalar(item.key) && String(item.key.value) === String(segment));
            if (pair && isPair(pair)) {
                if (key && index === path.length - 1) return (pair.key as Node).range?.[0] ?? 0;
                lastKey = pair.key as Node;
                next = pair.value;
            }
        } else if (isSeq(node) && typeof segment === 'number') next = node.items[segment];
        if (next === undefined || next === null) return (lastKey ?? (node as Node | null))?.range?.[0] ?? 0;
        node = next;
    }
    return (node as Node | null)?.range?.[0] ?? 0;
}

// ---------------------------------------------------------------- names checked against the model

interface NameProblem {
    readonly path: readonly Segment[];
    readonly key?: boolean;
    readonly message: string;
}

/** The entries of a YAML mapping read as data; none when it is not one (its shape is reported apart). */
function entriesOf(value: unknown): Array<[string, unknown]> {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
}

/**
 * Steps, roles and attributes against the workflow. Reads the file as plain data, so that these
 * problems are reported next to the shape's, not only once the shape is right.
 */
function checkNames(file: unknown, model: HitlModel, workflowId: string): NameProblem[] {
    const problems: NameProblem[] = [];
    const workflow = model.workflows.find((candidate) => candidate.id === workflowId);
    if (!workflow) return [{ path: [], message: `no workflow named '${workflowId}'` }];
    const unknown = (kind: string, name: string, names: readonly string[], where = '') => {
        const near = nearestNames(name, names);
        return `unknown ${kind} '${name}'${where}` + (near.length > 0 ? `; did you mean ${quoteList(near)}?` : '');
    };
    const sections = Object.fromEntries(entriesOf(file));

    const steps = new Map(workflow.steps.map((step) => [step.id, step]));
    for (const [id, scenario] of entriesOf(sections.steps)) {
        const step = steps.get(id);
        if (!step) {
            problems.push({ path: ['steps', id], key: true, message: unknown('step', id, [...steps.keys()], ` in workflow ${workflowId}`) });
            continue;
        }
        const settings = Object.fromEntries(entriesOf(scenario));
        const refuse = (field: string, what: string) => problems.push({ path: ['steps', id, field], key: true, message: `'${field}' is for ${what}; ${id} is ${article(step.kind)}` });
        if (settings.confidence !== undefined && step.kind !== 'ai-step') refuse('confidence', 'an AI step');
        if (settings.failures !== undefined && step.kind !== 'ai-step') refuse('failures', 'an AI step');
        if (settings.duration !== undefined && (step.kind === 'decision' || step.kind === 'outcome')) refuse('duration', 'a step that takes time');
        if (settings.actions !== undefined && step.kind !== 'gate') refuse('actions', 'a gate');
        if (Array.isArray(settings.branches)) {
            const onward = step.kind === 'outcome' ? 0 : step.routes.filter((route) => route.kind === 'when' || route.kind === 'otherwise').length;
            if (onward === 0) refuse('branches', 'a step whose routes branch (when … otherwise)');
            else if (step.kind !== 'outcome' && step.routes.some((route) => route.kind === 'then')) refuse('branches', "a step whose routes branch; it goes on with 'then'");
            else if (settings.branches.length !== onward) problems.push({ path: ['steps', id, 'branches'], message: `${id} has ${onward} onward routes (when … otherwise); give one weight for each, in declared order` });
        }
        if (step.kind === 'gate') {
            for (const [action, probability] of entriesOf(settings.actions)) {
                const allowed = step.allows.includes(action as (typeof GATE_ACTIONS)[number]);
                // An action the language does not know is an unknown key, reported with the shape.
                if (!allowed && GATE_ACTIONS.includes(action as (typeof GATE_ACTIONS)[number]) && typeof probability === 'number' && probability > 0) {
                    problems.push({ path: ['steps', id, 'actions', action], key: true, message: `${id} does not allow '${action}'; it allows ${quoteList(step.allows)}` });
                }
            }
        }
    }

    const parties = model.declarations.parties;
    const people = parties.filter((party) => party.person).map((party) => party.id);
    for (const [name] of entriesOf(sections.roles)) {
        const party = parties.find((candidate) => candidate.id === name);
        if (!party) problems.push({ path: ['roles', name], key: true, message: unknown('role', name, people) });
        else if (!party.person) problems.push({ path: ['roles', name], key: true, message: `${name} is an AI actor; only people are staffed` });
    }
    for (const step of workflow.steps) {
        if (step.kind !== 'gate' || !step.fourEyes || step.reviewers.length > 1 || !step.reviewers[0]) continue;
        const staff = Object.fromEntries(entriesOf(Object.fromEntries(entriesOf(sections.roles))[step.reviewers[0]])).staff;
        if (staff === 1) problems.push({ path: ['roles', step.reviewers[0], 'staff'], message: `gate ${step.id} is four-eyes: it needs two different people of ${step.reviewers[0]}` });
    }
    const tested = fieldsTested(workflow);
    for (const [name] of entriesOf(sections.attributes)) {
        if (tested.has(name)) continue;
        const near = nearestNames(name, [...tested]);
        const hint = near.length > 0 ? `; did you mean ${quoteList(near)}?` : tested.size > 0 ? `; it tests ${quoteList([...tested].sort())}` : '; it tests none';
        problems.push({ path: ['attributes', name], key: true, message: `no route of workflow ${workflowId} tests '${name}'${hint}` });
    }
    return problems;
}

/** The fields the workflow's `when` routes test, through the categories they name. */
function fieldsTested(workflow: Workflow): Set<string> {
    const fields = new Set<string>();
    const visit = (condition: Condition): void => {
        if (condition.kind === 'comparison') fields.add(condition.field);
        else if (condition.kind === 'and' || condition.kind === 'or') condition.operands.forEach(visit);
        else if (condition.kind === 'not') visit(condition.operand);
        else if (condition.kind === 'category') {
            const definition = workflow.categories.find((category) => category.id === condition.category)?.definition;
            if (definition) visit(definition);
        }
    };
    for (const step of workflow.steps) if (step.kind !== 'outcome') for (const route of step.routes) if (route.kind === 'when') visit(route.condition);
    return fields;
}

function article(kind: string): string {
    const words: Record<string, string> = { 'ai-step': 'an AI step', gate: 'a gate', queue: 'a manual queue', 'automated-step': 'an automated step', decision: 'a decision', effect: 'an effect', outcome: 'an outcome' };
    return words[kind] ?? `a ${kind}`;
}
