import { beforeAll, describe, expect, it } from 'vitest';
import type { HitlModel } from '../../language/model/schema.js';
import { parseScenario, renderScenarioSchema, scenarioJsonSchema, SCENARIO_SCHEMA_FILE_NAME, SCENARIO_SCHEMA_ID, type ScenarioProblem } from '../../language/simulator/scenario-file.js';
import { simulateRun } from '../../language/simulator/engine.js';
import { strictAjv } from '../compile/ajv.js';
import { compileFolder, compileTexts, REPO } from '../compile/workspace.js';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

const WORKFLOW = `
role Underwriter { channel Inbox }
role Lead { channel Inbox }
ai actor Scorer "Scoring service" { }
channel Inbox { kind queue address "queue://inbox" }
policy Hold { behaviour hold }
workflow Credit {
    start Classify
    ai step Classify {
        task classification
        actor Scorer
        confidence threshold 0.8
        on unavailable use Hold -> Manual
        on low-confidence -> Manual
        then Review
    }
    queue Manual {
        owner Underwriter
        then Review
    }
    gate Review {
        reviewer Underwriter
        allows approve, reject
        sla 8h
        on approve -> Route
        on reject -> Rejected
        on timeout escalate to Lead
    }
    decision Route {
        kind eligibility
        decided by Underwriter
        when amount > 1000 and segment == "business" probability 20% -> Large
        otherwise -> Small
    }
    outcome Large { result "large" }
    outcome Small { result "small" }
    outcome Rejected { result "rejected" }
}
`;

const VALID = `# A scenario for the Credit workflow
cases: 2000
horizon: 30d
warmupCases: 100
arrivals:
  kind: poisson
  ratePerHour: 6
roles:
  Underwriter:
    staff: 3
  Lead:
    staff: 1
    handling: { kind: exponential, mean: 20m }
steps:
  Classify:
    duration: { kind: lognormal, mean: 2s, sd: 1s }
    confidence: { kind: beta, alpha: 9, beta: 1 }
    failures: { unavailable: 0.02, abnormal-output: 0.01 }
  Review:
    duration: { kind: triangular, min: 5m, mode: 15m, max: 1h }
    actions: { approve: 0.75, reject: 0.25 }
  Manual:
    duration: { kind: gamma, shape: 2, scale: 10m }
attributes:
  amount:
    kind: number
    distribution: { kind: uniform, min: 100, max: 5000 }
  segment:
    kind: choice
    values: { retail: 0.7, business: 0.3 }
`;

let model: HitlModel;
beforeAll(async () => {
    model = await compileTexts({ 'credit.hitl': WORKFLOW });
    expect(model.workflows.map((workflow) => workflow.id)).toEqual(['Credit']);
});

function problems(text: string): ScenarioProblem[] {
    const result = parseScenario(text, model, 'Credit');
    if (result.ok) throw new Error('expected problems, the scenario parsed');
    return [...result.problems];
}

/** The one problem a text has. */
function problem(text: string): ScenarioProblem {
    const found = problems(text);
    expect(found, JSON.stringify(found)).toHaveLength(1);
    return found[0];
}

describe('a valid scenario', () => {
    it('maps to the engine scenario: durations in seconds, histogram as empirical, names kept', () => {
        const result = parseScenario(VALID, model, 'Credit');
        expect(result).toEqual({
            ok: true,
            scenario: {
                cases: 2000,
                horizon: 30 * 86_400,
                warmupCases: 100,
                arrivals: { kind: 'poisson', ratePerHour: 6 },
                roles: { Underwriter: { staff: 3 }, Lead: { staff: 1, handling: { kind: 'exponential', mean: 1200 } } },
                steps: {
                    Classify: {
                        duration: { kind: 'lognormal', mean: 2, sd: 1 },
                        confidence: { kind: 'beta', alpha: 9, beta: 1 },
                        failures: { unavailable: 0.02, 'abnormal-output': 0.01 },
                    },
                    Review: { duration: { kind: 'triangular', min: 300, mode: 900, max: 3600 }, actions: { approve: 0.75, reject: 0.25 } },
                    Manual: { duration: { kind: 'gamma', shape: 2, scale: 600 } },
                },
                attributes: {
                    amount: { kind: 'number', distribution: { kind: 'uniform', min: 100, max: 5000 } },
                    segment: { kind: 'choice', values: { retail: 0.7, business: 0.3 } },
                },
            },
        });
    });

    it('runs in the engine', () => {
        const result = parseScenario(VALID, model, 'Credit');
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        const run = simulateRun(model, { workflow: 'Credit', seed: 7, scenario: { ...result.scenario, cases: 300, warmupCases: 0 } });
        expect(run.cases.arrived).toBe(300);
        expect(run.roles.find((role) => role.party === 'Underwriter')?.staff).toBe(3);
    });

    it('takes an empty file as all defaults, and the other arrival kinds and distributions', () => {
        expect(parseScenario('', model, 'Credit')).toEqual({ ok: true, scenario: {} });
        expect(parseScenario('# nothing yet\n', model, 'Credit')).toEqual({ ok: true, scenario: {} });
        const weekly = `arrivals:\n  kind: weekly\n  ratePerHour: [${Array.from({ length: 168 }, (_, hour) => (hour % 24 >= 9 && hour % 24 < 17 ? 10 : 0)).join(', ')}]\n`;
        const parsed = parseScenario(weekly, model, 'Credit');
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
        expect(parsed.scenario.arrivals?.kind === 'weekly' && parsed.scenario.arrivals.ratePerHour.length).toBe(168);
        // Working hours only: every case arrives on a weekday hour from 09:00 to 17:00 (UTC, the default zone).
        const run = simulateRun(model, { workflow: 'Credit', seed: 1, scenario: { ...parsed.scenario, cases: 50 }, traceCase: 49 });
        const hour = new Date(run.trace![0].at).getUTCHours();
        expect(hour >= 9 && hour < 17, run.trace![0].at).toBe(true);
        // A trace whose times were not read is refused, not run at the default rate.
        expect(() => simulateRun(model, { workflow: 'Credit', seed: 1, scenario: { arrivals: { kind: 'trace', file: 'a.csv' } } })).toThrow(/has not been read/);
        expect(parseScenario('arrivals: { kind: trace, file: arrivals.csv, column: arrived }\n', model, 'Credit')).toEqual({
            ok: true,
            scenario: { arrivals: { kind: 'trace', file: 'arrivals.csv', column: 'arrived' } },
        });
        const text = `steps:
  Classify:
    duration: { kind: empirical, values: [1s, 2s, 10s], weights: [5, 3, 1] }
    confidence:
      kind: histogram
      bins:
        - { from: 0.5, to: 0.7, weight: 1 }
        - { from: 0.7, to: 0.9, weight: 3 }
  Manual:
    duration: { kind: fixed, value: 90m }
  Rejected: {}
`;
        expect(parseScenario(text, model, 'Credit')).toEqual({
            ok: true,
            scenario: {
                steps: {
                    Classify: {
                        duration: { kind: 'empirical', values: [1, 2, 10], weights: [5, 3, 1] },
                        confidence: { kind: 'empirical', values: [0.6, 0.8], weights: [1, 3] },
                    },
                    Manual: { duration: { kind: 'fixed', value: 5400 } },
                    Rejected: {},
                },
            },
        });
    });
});

describe('the scenario in docs/simulate.md', () => {
    it('parses for the credit sample and passes the JSON Schema', async () => {
        const doc = readFileSync(path.join(REPO, 'docs/simulate.md'), 'utf8');
        const example = /## The scenario file[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
        expect(example).toBeDefined();
        const { model: samples } = await compileFolder('samples');
        const result = parseScenario(example!, samples, 'CreditLimitIncrease');
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        expect(result.scenario.roles?.Underwriter?.staff).toBe(3);
        expect(strictAjv().compile(scenarioJsonSchema())(parseDocument(example!).toJS())).toBe(true);
    });
});

describe('errors with line and column', () => {
    it('reports YAML syntax errors where they are', () => {
        // An unclosed flow mapping is found where the text ends.
        expect(problems('cases: 10\nroles:\n  Underwriter: { staff: 2\n')[0]).toMatchObject({ line: 4, column: 1, message: expect.stringMatching(/flow map/i) });
        expect(problems('cases: 10\n\troles: 2\n')[0]).toMatchObject({ line: 2, column: 1, message: 'Tabs are not allowed as indentation' });
        expect(problems('cases: 1\ncases: 2\n')[0]).toMatchObject({ line: 2, column: 1, message: expect.stringMatching(/unique/i) });
    });

    it('refuses a file that is not one mapping', () => {
        expect(problem('- cases: 10\n')).toEqual({ line: 1, column: 1, path: '', message: 'expected object, received array' });
        expect(problem('roles: []\n')).toMatchObject({ line: 1, column: 8, message: 'expected record, received array' });
        expect(problem('cases: 10\n---\ncases: 20\n')).toMatchObject({ line: 2, column: 1, message: 'a scenario file holds one YAML document; this is where a second one starts' });
        expect(problem('arrivals: { kind: poisson, ratePerHour: .inf }\n')).toMatchObject({ line: 1, column: 41, message: 'expected number, received Infinity' });
    });

    it('refuses an unknown key, with did-you-mean', () => {
        expect(problem('cases: 10\nwarmup: 5\n')).toEqual({ line: 2, column: 1, path: 'warmup', message: "unknown key 'warmup'; did you mean 'warmupCases'?" });
        expect(problem('roles:\n  Underwriter:\n    stuff: 2\n')).toEqual({ line: 3, column: 5, path: 'roles.Underwriter.stuff', message: "unknown key 'stuff'; did you mean 'staff'?" });
        expect(problem('steps:\n  Review:\n    actions: { approve: 0.5, rejct: 0.5 }\n')).toMatchObject({ line: 3, column: 30, message: "unknown key 'rejct'; did you mean 'reject'?" });
        expect(problem('steps:\n  Manual:\n    duration: { kind: gamma, shape: 2, scal: 1m }\n')).toMatchObject({
            line: 3,
            column: 40,
            path: 'steps.Manual.duration.scal',
            message: "unknown key 'scal'; did you mean 'scale'?",
        });
        expect(problems('steps:\n  Manual:\n    duration: { kind: lognormal, mean: 1m, stdev: 1m }\n').map((p) => p.message)).toEqual([
            "missing 'sd'",
            "unknown key 'stdev'; expected one of 'kind', 'mean', 'sd'",
        ]);
        expect(problem('nonsense: 1\n').message).toBe(
            "unknown key 'nonsense'; expected one of 'cases', 'horizon', 'warmupCases', 'start', 'timeZone', 'arrivals', 'roles', 'steps', 'attributes'",
        );
    });

    it('refuses an unknown step or role with the nearest names', () => {
        expect(problem('cases: 5\nsteps:\n  Reveiw:\n    actions: { approve: 1 }\n')).toEqual({
            line: 3,
            column: 3,
            path: 'steps.Reveiw',
            message: "unknown step 'Reveiw' in workflow Credit; did you mean 'Review'?",
        });
        expect(problem('roles:\n  Underwriters: { staff: 2 }\n')).toMatchObject({ line: 2, column: 3, message: "unknown role 'Underwriters'; did you mean 'Underwriter'?" });
        expect(problem('roles:\n  Nobody: { staff: 2 }\n').message).toBe("unknown role 'Nobody'");
        expect(problem('roles:\n  Scorer: { staff: 2 }\n').message).toBe('Scorer is an AI actor; only people are staffed');
    });

    it('refuses an attribute no route tests, with the nearest field', () => {
        expect(problem('attributes:\n  amonut: { kind: number, distribution: { kind: fixed, value: 5 } }\n')).toEqual({
            line: 2,
            column: 3,
            path: 'attributes.amonut',
            message: "no route of workflow Credit tests 'amonut'; did you mean 'amount'?",
        });
        expect(problem('attributes:\n  colour: { kind: choice, values: { red: 1 } }\n').message).toBe("no route of workflow Credit tests 'colour'; it tests 'amount', 'segment'");
    });

    it('refuses settings the step cannot take', () => {
        expect(problem('steps:\n  Manual:\n    confidence: { kind: beta, alpha: 2, beta: 2 }\n')).toMatchObject({ line: 3, column: 5, message: "'confidence' is for an AI step; Manual is a manual queue" });
        expect(problem('steps:\n  Route:\n    duration: { kind: fixed, value: 1m }\n').message).toBe("'duration' is for a step that takes time; Route is a decision");
        expect(problem('steps:\n  Review:\n    actions: { approve: 0.5, override: 0.5 }\n')).toMatchObject({
            line: 3,
            column: 30,
            message: "Review does not allow 'override'; it allows 'approve', 'reject'",
        });
    });

    it('takes branch weights only for a step whose routes branch, one per onward route', () => {
        expect(problem('steps:\n  Review:\n    branches: [1, 0]\n')).toMatchObject({ line: 3, column: 5, message: "'branches' is for a step whose routes branch (when … otherwise); Review is a gate" });
        expect(problem('steps:\n  Route:\n    branches: [1, 0, 0]\n')).toMatchObject({ line: 3, message: 'Route has 2 onward routes (when … otherwise); give one weight for each, in declared order' });
        expect(problem('steps:\n  Route:\n    branches: [0, 0]\n').message).toBe('needs a weight above 0');
    });

    it('branch weights replace the hints and the case attributes', () => {
        const result = parseScenario('cases: 400\nsteps:\n  Route:\n    branches: [0, 1]\nattributes:\n  amount: { kind: number, distribution: { kind: fixed, value: 5000 } }\n  segment: { kind: choice, values: { business: 1 } }\n', model, 'Credit');
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        const run = simulateRun(model, { workflow: 'Credit', seed: 3, scenario: { ...result.scenario, steps: { ...result.scenario.steps, Classify: { failures: { unavailable: 0, 'abnormal-output': 0 } }, Review: { actions: { approve: 1 } } } } });
        // Every case would be Large by its attributes and 20% by the hint; the weights send all to Small.
        expect(run.outcomes.map((outcome) => outcome.outcome)).toEqual(['Small']);
    });

    it('refuses probabilities that do not sum as they must', () => {
        expect(problem('steps:\n  Review:\n    actions: { approve: 0.5, reject: 0.4 }\n')).toMatchObject({ line: 3, column: 14, message: 'action probabilities must sum to 1' });
        expect(problem('steps:\n  Classify:\n    failures:\n      unavailable: 0.7\n      error: 0.4\n')).toMatchObject({ line: 4, column: 7, message: 'failure probabilities must sum to at most 1' });
        expect(problem('attributes:\n  segment: { kind: choice, values: { a: 0.5, b: 0.6 } }\n')).toMatchObject({ line: 2, column: 36, message: 'choice probabilities must sum to 1' });
        expect(problem('steps:\n  Classify:\n    failures: { error: 1.5 }\n')).toEqual({
            line: 3,
            column: 24,
            path: 'steps.Classify.failures.error',
            message: 'expected a probability from 0 to 1',
        });
    });

    it('refuses a negative or zero rate, bad counts and bad durations', () => {
        expect(problem('arrivals:\n  kind: poisson\n  ratePerHour: -3\n')).toMatchObject({ line: 3, column: 16, path: 'arrivals.ratePerHour', message: 'must be more than 0' });
        expect(problem('cases: 2.5\n')).toMatchObject({ line: 1, column: 8, message: 'expected a whole number' });
        expect(problem('cases: 10\nwarmupCases: 10\n')).toMatchObject({ line: 2, column: 14, message: 'must be fewer than cases' });
        expect(problem('horizon: 30\n')).toMatchObject({ line: 1, column: 10, message: 'expected a duration such as 30s, 15m, 2h or 1d' });
        expect(problem('horizon: 2 hours\n')).toMatchObject({ line: 1, column: 10, message: 'expected a duration such as 30s, 15m, 2h or 1d' });
        expect(problem('horizon: 0s\n')).toMatchObject({ line: 1, column: 10, message: 'must be longer than 0' });
        expect(problem('steps:\n  Review:\n    duration: { kind: uniform, min: 1h, max: 30m }\n')).toMatchObject({ line: 3, column: 46, message: 'needs min < max' });
        expect(problem('arrivals:\n  kind: weekly\n  ratePerHour: [1, 2, 3]\n')).toMatchObject({ line: 3, column: 16, message: 'needs exactly 168 items' });
        expect(problem('steps:\n  Manual:\n    duration: { kind: empirical, values: [] }\n')).toMatchObject({ line: 3, column: 42, message: 'needs at least 1 item' });
    });

    it('names the missing field and the unknown kind', () => {
        expect(problem('steps:\n  Review:\n    duration: { kind: lognormal, mean: 10m }\n')).toMatchObject({ line: 3, column: 5, path: 'steps.Review.duration.sd', message: "missing 'sd'" });
        expect(problem('steps:\n  Review:\n    duration: { kind: normal, mean: 10m }\n')).toMatchObject({
            line: 3,
            column: 23,
            message: "expected kind to be one of 'fixed', 'exponential', 'lognormal', 'gamma', 'triangular', 'uniform', 'empirical'",
        });
        expect(problem('steps:\n  Classify:\n    confidence: { kind: uniform, min: 0, max: 1 }\n').message).toBe("expected kind to be one of 'beta', 'histogram'");
    });

    it('reports every problem, in file order', () => {
        const found = problems('roles:\n  Undrwriter: { staff: 2 }\nsteps:\n  Reveiw: {}\n');
        expect(found.map(({ line, column }) => [line, column])).toEqual([
            [2, 3],
            [4, 3],
        ]);
        const shape = problems('cases: -1\nhorizon: 1\nextra: true\n');
        expect(shape.map((p) => p.line)).toEqual([1, 2, 3]);
        // Names are checked next to the shape, not only once it is right.
        const both = problems('roles:\n  Undrwriter: { staff: 0 }\nsteps:\n  Manual: { confidence: { kind: beta, alpha: 1 } }\n');
        expect(both.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
            "2:3 unknown role 'Undrwriter'; did you mean 'Underwriter'?",
            '2:24 must be at least 1',
            "4:13 'confidence' is for an AI step; Manual is a manual queue",
            "4:13 missing 'beta'",
        ]);
    });

    it('names a workflow the model does not have', () => {
        const result = parseScenario('cases: 10\n', model, 'Nope');
        expect(result).toMatchObject({ ok: false, problems: [{ line: 1, column: 1, message: "no workflow named 'Nope'" }] });
    });
});

describe('the JSON Schema', () => {
    const schema = scenarioJsonSchema();
    const validate = strictAjv().compile(schema);
    const yaml = (text: string) => parseDocument(text).toJS() ?? {};

    it('is JSON Schema 2020-12 with an $id and compiles under strict ajv', () => {
        expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
        expect(schema.$id).toBe(SCENARIO_SCHEMA_ID);
        expect(validate(yaml(VALID)), JSON.stringify(validate.errors)).toBe(true);
    });

    it(`is committed, current, as docs/schemas/${SCENARIO_SCHEMA_FILE_NAME} (UPDATE_GOLDEN=1 rewrites it)`, () => {
        const committed = path.join(REPO, 'docs', 'schemas', SCENARIO_SCHEMA_FILE_NAME);
        if (process.env.UPDATE_GOLDEN) writeFileSync(committed, renderScenarioSchema());
        expect(readFileSync(committed, 'utf8')).toBe(renderScenarioSchema());
    });

    it('agrees with the parser on the shape of valid and invalid files', () => {
        const examples = [
            VALID,
            '',
            'arrivals: { kind: trace, file: a.csv }\n',
            'steps:\n  Classify:\n    confidence: { kind: histogram, bins: [{ from: 0.1, to: 0.9, weight: 1 }] }\n',
            'cases: 10\nwarmup: 5\n',
            'roles:\n  Underwriter:\n    stuff: 2\n',
            'arrivals:\n  kind: poisson\n  ratePerHour: -3\n',
            'cases: 2.5\n',
            'horizon: 30\n',
            'horizon: 2 hours\n',
            'steps:\n  Review:\n    duration: { kind: lognormal, mean: 10m }\n',
            'steps:\n  Review:\n    duration: { kind: normal, mean: 10m }\n',
            'steps:\n  Classify:\n    failures: { error: 1.5 }\n',
            'arrivals:\n  kind: weekly\n  ratePerHour: [1, 2, 3]\n',
        ];
        for (const text of examples) expect(validate(yaml(text)), text).toBe(parseScenario(text, model, 'Credit').ok);
    });
});

describe('calendars, time zones, outages and queue order', () => {
    const FULL = `start: 2026-03-02T08:00
timeZone: Europe/London
roles:
  Underwriter:
    staff: 2
    discipline: risk
    calendar:
      hours: [mon-fri 09:00-12:30, "mon,wed 13:30-17:00", sat 10:00-24:00]
      timeZone: America/New_York
      holidays: [2026-04-03]
steps:
  Classify:
    outages:
      - { from: 2d, to: 52h }
      - { from: 2026-03-09T09:00, to: 2026-03-09T10:30 }
  Review:
    discipline: fifo
`;

    it('maps hours to weekdays and seconds of the day, and outage bounds to seconds from the start in the scenario\'s zone', () => {
        const result = parseScenario(FULL, model, 'Credit');
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        expect(result.scenario).toEqual({
            start: '2026-03-02T08:00',
            timeZone: 'Europe/London',
            roles: {
                Underwriter: {
                    staff: 2,
                    discipline: 'risk',
                    calendar: {
                        hours: [
                            { days: [0, 1, 2, 3, 4], from: 9 * 3600, to: 12.5 * 3600 },
                            { days: [0, 2], from: 13.5 * 3600, to: 17 * 3600 },
                            { days: [5], from: 10 * 3600, to: 24 * 3600 },
                        ],
                        timeZone: 'America/New_York',
                        holidays: ['2026-04-03'],
                    },
                },
            },
            // London is on GMT until 29 March: 9 March 09:00 is 7 days and 1 hour after 2 March 08:00.
            steps: { Classify: { outages: [{ from: 48 * 3600, to: 52 * 3600 }, { from: (7 * 24 + 1) * 3600, to: (7 * 24 + 2.5) * 3600 }] }, Review: { discipline: 'fifo' } },
        });
    });

    it('refuses a calendar with no working hours, hours it cannot read, an unknown zone, a date that does not exist and an outage that ends first', () => {
        const at = (text: string) => problems(text).map((p) => `${p.line}:${p.column} ${p.message}`);
        expect(at('roles:\n  Underwriter:\n    calendar: { hours: [] }\n')).toEqual(['3:24 a calendar needs working hours: people who never work would leave every item waiting']);
        expect(at('roles:\n  Underwriter:\n    calendar:\n      hours: [mon-fri 9-17, weekdays 09:00-17:00]\n')).toEqual([
            "4:15 expected days and hours such as 'mon-fri 09:00-17:00' or 'sat,sun 10:00-14:00'",
            "4:29 expected days and hours such as 'mon-fri 09:00-17:00' or 'sat,sun 10:00-14:00'",
        ]);
        expect(at('roles:\n  Underwriter:\n    calendar: { hours: [mon 17:00-09:00] }\n')).toEqual(['3:25 the hours must end after they start (write a night shift as two ranges)']);
        expect(at('timeZone: Europe/Lndon\nroles:\n  Underwriter:\n    calendar: { hours: [mon 09:00-17:00], holidays: [2026-02-30] }\n')).toEqual([
            '1:11 expected an IANA time zone such as Europe/London or UTC',
            '4:54 expected a date YYYY-MM-DD',
        ]);
        expect(at('start: 2026-13-01T00:00\n')).toEqual(['1:8 no such date or time']);
        expect(at('steps:\n  Classify:\n    outages:\n      - { from: 2d, to: 1d }\n')).toEqual(['4:25 an outage must end after it starts']);
        expect(at('steps:\n  Classify:\n    outages:\n      - { from: 2d, to: tomorrow }\n')).toEqual(['4:25 expected a duration such as 30s, 15m, 2h or 1d from the start, or a local time YYYY-MM-DDTHH:MM']);
    });

    it('refuses an unknown queue order and a misspelt calendar key, with the nearest key', () => {
        expect(problem('roles:\n  Underwriter:\n    discipline: lifo\n')).toMatchObject({ line: 3, column: 17, message: "expected one of 'fifo', 'risk'" });
        expect(problem('roles:\n  Underwriter:\n    calender: { hours: [mon 09:00-17:00] }\n')).toMatchObject({ line: 3, column: 5, message: "unknown key 'calender'; did you mean 'calendar'?" });
        expect(problem('steps:\n  Classify:\n    outage: []\n')).toMatchObject({ line: 3, column: 5, message: "unknown key 'outage'; did you mean 'outages'?" });
    });

    it('refuses one person for a four-eyes gate of one role', async () => {
        const { model: samples } = await compileFolder('samples');
        const result = parseScenario('roles:\n  SeniorUnderwriter: { staff: 1 }\n', samples, 'CreditLimitIncrease');
        expect(result).toMatchObject({ ok: false, problems: [{ line: 2, column: 31, message: 'gate SeniorReview is four-eyes: it needs two different people of SeniorUnderwriter' }] });
        expect(() => simulateRun(samples, { workflow: 'CreditLimitIncrease', seed: 1, scenario: { roles: { SeniorUnderwriter: { staff: 1 } } } })).toThrow(/two different people/);
    });
});
