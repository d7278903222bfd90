import type { Distribution } from './distributions.js';
import type { GateAction } from '../model/vocabulary.js';

/**
 * What a simulation run assumes beyond what the workflow declares. Plain data: the scenario
 * file (YAML, validated by the CLI) is parsed into this. Times are in seconds from the start of
 * the run. Everything is optional; {@link DEFAULTS} fills the gaps.
 */
export interface Scenario {
    /** How many cases arrive (the run then drains: every case in flight finishes or waits forever). */
    readonly cases?: number;
    /** Stop at this simulated time instead (seconds); cases still in flight are counted as in progress. */
    readonly horizon?: number;
    /** The first cases to arrive are left out of the statistics (the system starts empty). */
    readonly warmupCases?: number;
    /** The wall-clock time the run starts at, `YYYY-MM-DDTHH:MM` in {@link timeZone} (calendars, weekly arrivals, audit times). */
    readonly start?: string;
    /** The IANA time zone of `start` and of weekly arrival hours; a calendar without its own zone uses it too. */
    readonly timeZone?: string;
    readonly arrivals?: Arrivals;
    /** A trace's arrival times in seconds from the start, ascending: the CLI reads the CSV (see `parseArrivalTrace`). */
    readonly arrivalTimes?: readonly number[];
    /** Per party (role, team): how many people work the items sent to it, when, and how long one takes them at an escalation level. */
    readonly roles?: Readonly<Record<string, RoleScenario>>;
    /** Per step id. */
    readonly steps?: Readonly<Record<string, StepScenario>>;
    /** Case attributes drawn at arrival; `when` conditions are evaluated on them when every field a step tests is given. */
    readonly attributes?: Readonly<Record<string, AttributeModel>>;
}

/**
 * How cases arrive: `poisson` at a constant rate; `weekly`, a rate for each of the 168 hours of
 * the week (Monday 00:00 first, in the scenario's time zone), a non-homogeneous Poisson process;
 * `trace`, the times in {@link Scenario.arrivalTimes} (read from the CSV file by the CLI).
 */
export type Arrivals =
    | { readonly kind: 'poisson'; readonly ratePerHour: number }
    | { readonly kind: 'weekly'; readonly ratePerHour: readonly number[] }
    | { readonly kind: 'trace'; readonly file: string; readonly column?: string };

/** In what order waiting items are taken: first come first served, or by the step's risk grade (highest first), then first come. */
export type Discipline = 'fifo' | 'risk';

export interface RoleScenario {
    readonly staff?: number;
    readonly handling?: Distribution;
    /** When its people start work; none: around the clock. */
    readonly calendar?: Calendar;
    readonly discipline?: Discipline;
}

/** Working hours: people start an item only inside them; an item in hand at closing time is finished. */
export interface Calendar {
    /** Open ranges per weekday (0 = Monday … 6 = Sunday), in seconds from local midnight, `from` < `to` ≤ 86,400. */
    readonly hours: ReadonlyArray<{ readonly days: readonly number[]; readonly from: number; readonly to: number }>;
    /** IANA name; the scenario's time zone when absent. */
    readonly timeZone?: string;
    /** Local dates (`YYYY-MM-DD`) nobody works. */
    readonly holidays?: readonly string[];
}

export interface StepScenario {
    /** AI step: latency; gate and queue: a person's handling time; automated step and effect: processing time. */
    readonly duration?: Distribution;
    /** AI step: the confidence of its output, drawn per case. */
    readonly confidence?: Distribution;
    /** AI step: the probability of each failure mode per run. */
    readonly failures?: Readonly<Partial<Record<'unavailable' | 'abnormal-output' | 'error', number>>>;
    /** AI step: windows (seconds from the start, `from` < `to`) in which every run fails `unavailable`. */
    readonly outages?: ReadonlyArray<{ readonly from: number; readonly to: number }>;
    /** Gate: the reviewer's action probabilities (normalised over the actions the gate allows). */
    readonly actions?: Readonly<Partial<Record<GateAction, number>>>;
    /** Gate or queue: the order its items are taken in by its people (else the role's). */
    readonly discipline?: Discipline;
    /**
     * A step whose routes branch (`when` … `otherwise`): the weight of each onward route, in
     * declared order; it replaces the declared probability hints and the case attributes.
     */
    readonly branches?: readonly number[];
}

export type AttributeModel =
    | { readonly kind: 'number'; readonly distribution: Distribution }
    /** A text or name value, drawn with these weights. */
    | { readonly kind: 'choice'; readonly values: Readonly<Record<string, number>> };

/** The documented defaults: what a run assumes when neither the workflow nor the scenario says. */
export const DEFAULTS = {
    cases: 1000,
    ratePerHour: 2,
    staff: 2,
    /** A Monday: weekly arrival hours and calendars count from here. */
    start: '2026-01-05T00:00',
    timeZone: 'UTC',
    aiLatency: { kind: 'lognormal', mean: 2, sd: 1 } as Distribution,
    confidence: { kind: 'beta', alpha: 18, beta: 2 } as Distribution,
    failures: { unavailable: 0.01, 'abnormal-output': 0.005, error: 0 },
    handling: { kind: 'lognormal', mean: 900, sd: 600 } as Distribution,
    processing: { kind: 'fixed', value: 1 } as Distribution,
    actions: { approve: 0.8, override: 0.1, reject: 0.1, edit: 0.05, 'request-info': 0.05 } as Record<GateAction, number>,
    /** How long the requester takes to answer a reviewer's request for information. */
    requestInfoDelay: { kind: 'fixed', value: 3600 } as Distribution,
    /** A case that moves this many times is stopped (a loop with no way out). */
    maxTransitions: 500,
    /** Backlog is sampled this often (seconds), coarsened by doubling so a role keeps at most {@link BACKLOG_SAMPLES} samples. */
    backlogEvery: 3600,
} as const;

export const BACKLOG_SAMPLES = 2048;
