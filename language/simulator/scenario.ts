import type { Distribution } from './distributions.js';
import type { GateAction } from '../model/vocabulary.js';

/**
 * What a simulation run assumes beyond what the workflow declares. Plain data: the scenario
 * file (YAML, validated by the CLI) is parsed into this. Times are in seconds. Everything is
 * optional; {@link DEFAULTS} fills the gaps.
 */
export interface Scenario {
    /** How many cases arrive (the run then drains: every case in flight finishes or waits forever). */
    readonly cases?: number;
    /** Stop at this simulated time instead (seconds); cases still in flight are counted as in progress. */
    readonly horizon?: number;
    /** The first cases to arrive are left out of the statistics (the system starts empty). */
    readonly warmupCases?: number;
    readonly arrivals?: Arrivals;
    /** Per party (role, team): how many people work the items sent to it, and how long one takes them at an escalation level. */
    readonly roles?: Readonly<Record<string, RoleScenario>>;
    /** Per step id. */
    readonly steps?: Readonly<Record<string, StepScenario>>;
    /** Case attributes drawn at arrival; `when` conditions are evaluated on them when every field a step tests is given. */
    readonly attributes?: Readonly<Record<string, AttributeModel>>;
}

/**
 * How cases arrive. The engine simulates `poisson` so far; `weekly` (a rate for each of the 168
 * hours of the week, Monday 00:00 first) and `trace` (arrival times read from a CSV file by the
 * CLI) are parsed from the scenario file and refused by the engine until it simulates them.
 */
export type Arrivals =
    | { readonly kind: 'poisson'; readonly ratePerHour: number }
    | { readonly kind: 'weekly'; readonly ratePerHour: readonly number[] }
    | { readonly kind: 'trace'; readonly file: string; readonly column?: string };

export interface RoleScenario {
    readonly staff?: number;
    readonly handling?: Distribution;
}

export interface StepScenario {
    /** AI step: latency; gate and queue: a person's handling time; automated step and effect: processing time. */
    readonly duration?: Distribution;
    /** AI step: the confidence of its output, drawn per case. */
    readonly confidence?: Distribution;
    /** AI step: the probability of each failure mode per run. */
    readonly failures?: Readonly<Partial<Record<'unavailable' | 'abnormal-output' | 'error', number>>>;
    /** Gate: the reviewer's action probabilities (normalised over the actions the gate allows). */
    readonly actions?: Readonly<Partial<Record<GateAction, number>>>;
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
} as const;
