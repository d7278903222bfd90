/**
 * What one run of a workflow yields: plain JSON, every figure rounded, keys in a fixed order,
 * so the same run serialises to the same bytes. Shares are fractions; times are seconds.
 */

export interface RunResult {
    readonly workflow: string;
    readonly seed: number;
    readonly replication: number;
    /** The instant the run starts at (RFC 3339, UTC): the scenario's `start` in its time zone. */
    readonly start: string;
    readonly cases: { readonly arrived: number; readonly measured: number; readonly finished: number; readonly inProgress: number };
    readonly simulatedSeconds: number;
    readonly events: number;
    /** Measured cases finished per simulated day, from the first measured arrival to the end of the run. */
    readonly throughputPerDay: number;
    /** Shares over the measured cases that finished. */
    readonly people: { readonly reachedPerson: number; readonly decidedByPerson: number; readonly withoutPerson: number };
    /** Seconds from arrival to outcome, over the measured cases that finished; percentiles from a sketch (0.5% relative error, see sketch.ts). */
    readonly cycleTime: { readonly mean: number; readonly p50: number; readonly p90: number; readonly p95: number; readonly p99: number };
    /** Measured finished cases per fixed bin (`upTo` seconds, inclusive; null: above the last edge), so replications add up. */
    readonly cycleTimeHistogram: ReadonlyArray<{ readonly upTo: number | null; readonly count: number }>;
    /** Per outcome step (or `denied`, `paused`, `rejected`, `failed:<mode>`, `stopped:<step>`, `loop-limit` when the run ends a case another way). */
    readonly outcomes: ReadonlyArray<{ readonly outcome: string; readonly count: number; readonly share: number }>;
    readonly stations: readonly StationResult[];
    readonly roles: readonly RoleResult[];
    readonly escalations: readonly EscalationResult[];
    readonly aiSteps: readonly AiStepResult[];
    /** Hours of the run inside an outage window of any AI step. */
    readonly outageHours: number;
    /** The run of the case `RunOptions.traceCase` names, step by step. */
    readonly trace?: readonly TraceEntry[];
}

export interface StationResult {
    readonly step: string;
    readonly kind: 'gate' | 'queue';
    readonly party: string;
    readonly staff: number;
    /** Four-eyes: two different people each review the item in turn. */
    readonly reviewers: number;
    readonly discipline: 'fifo' | 'risk';
    /** The highest risk grade of the decisions an item can reach from here: what `risk` order ranks by. */
    readonly risk?: string;
    /** The SLA (gate) or timeout (queue) in seconds, when declared. */
    readonly sla?: number;
    readonly entered: number;
    /** Items a person there acted on (not counting those escalated away). */
    readonly served: number;
    /** Mean time from entering to a person starting on it, over the measured items a person started. */
    readonly meanWait: number;
    readonly p90Wait: number;
    /** Share of those items that had to wait at all. */
    readonly waitedShare: number;
    /** This station's busy time over its party's staffed time. */
    readonly utilisation: number;
    readonly slaBreaches: number;
    /** Over the measured items that entered. */
    readonly breachRate: number;
    /** What the SLA timer did, by action (`route` for an `on timeout -> Step`, `none` when nothing is declared). */
    readonly timeouts: Readonly<Record<string, number>>;
    /** Measured items its timer escalated, and their share of those that entered. */
    readonly escalated: number;
    readonly escalationRate: number;
    /** Per level of the escalation (from 1): how many of its measured items reached it, and their share of those that entered. */
    readonly levels: ReadonlyArray<{ readonly level: number; readonly party: string; readonly reached: number; readonly share: number }>;
    /** Measured items an AI failure's fallback sent here, inside and outside outage windows, and per hour of each. */
    readonly fallbackLoad: { readonly duringOutages: Load; readonly outsideOutages: Load };
}

export interface Load {
    readonly entries: number;
    readonly perHour: number;
}

export interface RoleResult {
    readonly party: string;
    readonly staff: number;
    readonly tasks: number;
    readonly busyHours: number;
    /** Busy time over staffed time (staff × open hours of the calendar, else the whole run); above 1 when work in hand runs past closing. */
    readonly utilisation: number;
    readonly workHoursPerDay: number;
    readonly staffedHoursPerDay: number;
    /** Items waiting (not in hand) at times 0, every, 2 × every, …: the interval doubles in long runs to keep at most 2,048 samples. */
    readonly backlog: { readonly every: number; readonly values: readonly number[] };
}

export interface EscalationResult {
    /** `workflow:Name` or `shared:Name`, or `party:Name` for a direct escalation to a party. */
    readonly escalation: string;
    readonly entered: number;
    readonly levels: ReadonlyArray<{ readonly level: number; readonly party: string; readonly reached: number; readonly timedOut: number }>;
    /** Items whose last level timed out too. */
    readonly exhausted: number;
}

export interface AiStepResult {
    readonly step: string;
    readonly runs: number;
    readonly lowConfidence: number;
    /** Over the runs that gave an output. */
    readonly lowConfidenceShare: number;
    readonly failures: Readonly<Record<string, number>>;
    /** Runs that failed `unavailable` because they fell in an outage window. */
    readonly outageRuns: number;
    /** Where its failure fallbacks sent measured items, inside and outside outage windows. */
    readonly fallbackLoad: ReadonlyArray<{ readonly step: string; readonly duringOutages: number; readonly outsideOutages: number }>;
}

/** One line of a traced case: what happened, who acted, and why the route was taken. */
export interface TraceEntry {
    /** Seconds from the start of the run. */
    readonly time: number;
    /** The same as an RFC 3339 time. */
    readonly at: string;
    readonly step: string;
    /** `Underwriter#2` (a person: role and number), the AI actor (or `AI`), `system`, `timer` or `requester`. */
    readonly actor: string;
    readonly event: 'arrived' | 'ai-output' | 'ai-failure' | 'waiting' | 'started' | 'acted' | 'timeout' | 'escalated' | 'routed' | 'processed' | 'finished';
    /** Why, in words: the drawn confidence against the threshold, the failure mode, the action drawn, the condition that held, the SLA that fired. */
    readonly detail: string;
    /** The step the case goes to next, when it moves. */
    readonly to?: string;
}
