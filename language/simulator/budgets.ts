import { nearestNames } from '../references/nearest-names.js';
import { parseDuration } from '../util/quantities.js';
import type { Figure, Summary } from './replications.js';

/**
 * Budgets for CI (`hitl simulate --fail-on "sla-breach>5%"`): a figure of the simulation and a
 * limit it must not pass. A budget is broken when the figure's mean over replications is on the
 * wrong side of the limit, so a pull request that cuts staffing or tightens an SLA fails.
 *
 *   metric[subject] <op> value      op: > >= < <=      value: 5% (shares) or 4h (durations)
 *
 * Without `[subject]` a per-station or per-outcome metric applies to each of them.
 */

type Unit = 'share' | 'duration';

interface Metric {
    readonly unit: Unit;
    readonly description: string;
    /** What the subject in brackets names, when the metric has several subjects. */
    readonly subjects?: string;
    readonly figures: (summary: Summary) => ReadonlyArray<{ readonly subject?: string; readonly figure: Figure }>;
}

const perStation = (pick: (station: Summary['stations'][number]) => Figure) => (summary: Summary) => summary.stations.map((station) => ({ subject: station.step, figure: pick(station) }));

export const METRICS: Readonly<Record<string, Metric>> = {
    'sla-breach': { unit: 'share', subjects: 'gate or queue', description: 'share of items whose SLA (a queue: timeout) fired', figures: perStation((station) => station.breachRate) },
    wait: { unit: 'duration', subjects: 'gate or queue', description: 'mean wait before a person starts on an item', figures: perStation((station) => station.meanWait) },
    utilisation: { unit: 'share', subjects: 'gate or queue', description: "busy share of the staff's time at a gate or queue", figures: perStation((station) => station.utilisation) },
    'without-person': { unit: 'share', description: 'share of cases decided without a person', figures: (summary) => [{ figure: summary.withoutPerson }] },
    'reached-person': { unit: 'share', description: 'share of cases that reached a person', figures: (summary) => [{ figure: summary.reachedPerson }] },
    'cycle-time': { unit: 'duration', description: 'mean time from arrival to outcome', figures: (summary) => [{ figure: summary.cycleTime.mean }] },
    'cycle-time-p50': { unit: 'duration', description: 'median cycle time', figures: (summary) => [{ figure: summary.cycleTime.p50 }] },
    'cycle-time-p90': { unit: 'duration', description: '90th percentile of the cycle time', figures: (summary) => [{ figure: summary.cycleTime.p90 }] },
    'cycle-time-p95': { unit: 'duration', description: '95th percentile of the cycle time', figures: (summary) => [{ figure: summary.cycleTime.p95 }] },
    'cycle-time-p99': { unit: 'duration', description: '99th percentile of the cycle time', figures: (summary) => [{ figure: summary.cycleTime.p99 }] },
    outcome: { unit: 'share', subjects: 'outcome', description: 'share of cases ending in an outcome', figures: (summary) => summary.outcomes.map((outcome) => ({ subject: outcome.outcome, figure: outcome.share })) },
};

const OPERATORS = ['>=', '<=', '>', '<'] as const;
type Operator = (typeof OPERATORS)[number];

export interface Budget {
    readonly text: string;
    readonly metric: string;
    readonly subject?: string;
    readonly operator: Operator;
    /** A share as a fraction, a duration in seconds. */
    readonly limit: number;
}

export interface BrokenBudget {
    readonly budget: string;
    readonly subject?: string;
    readonly value: number;
    readonly unit: Unit;
}

/** One budget, or why it cannot be read. */
export function parseBudget(text: string): Budget | { readonly error: string } {
    const match = /^\s*([a-z0-9-]+)\s*(?:\[\s*([^\]]+?)\s*\])?\s*(>=|<=|>|<)\s*(\S+)\s*$/.exec(text);
    if (!match) return { error: `'${text}' is not a budget; write metric<op>value, such as sla-breach>5% or cycle-time-p95>2d` };
    const [, metric, subject, operator, value] = match;
    const known = METRICS[metric];
    if (!known) {
        const near = nearestNames(metric, Object.keys(METRICS));
        return { error: `unknown metric '${metric}' in '${text}'${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''} (metrics: ${Object.keys(METRICS).join(', ')})` };
    }
    if (subject !== undefined && !known.subjects) return { error: `'${metric}' has one figure per workflow; leave out [${subject}]` };
    const limit = known.unit === 'share' ? parseShare(value) : parseSeconds(value);
    if (limit === undefined) return { error: `'${value}' in '${text}' is not ${known.unit === 'share' ? 'a percentage such as 5%' : 'a duration such as 30m, 4h or 2d'}` };
    return { text: text.trim(), metric, ...(subject !== undefined ? { subject } : {}), operator: operator as Operator, limit };
}

function parseShare(text: string): number | undefined {
    const match = /^(\d+(?:\.\d+)?)%$/.exec(text);
    return match ? Number(match[1]) / 100 : undefined;
}

function parseSeconds(text: string): number | undefined {
    const duration = parseDuration(text);
    return duration ? duration.milliseconds / 1000 : undefined;
}

/** The subjects a budget names that the workflow does not have: an error worth a did-you-mean before any run. */
export function unknownSubject(budget: Budget, summary: Summary): string | undefined {
    if (budget.subject === undefined) return undefined;
    const subjects = METRICS[budget.metric].figures(summary).map((entry) => entry.subject!);
    if (subjects.includes(budget.subject)) return undefined;
    const near = nearestNames(budget.subject, subjects);
    const kind = METRICS[budget.metric].subjects;
    return `'${budget.text}': workflow ${summary.workflow} has no ${kind} '${budget.subject}'${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''}`;
}

/** The figures that break a budget. */
export function brokenBudgets(budgets: readonly Budget[], summary: Summary): BrokenBudget[] {
    const broken: BrokenBudget[] = [];
    for (const budget of budgets) {
        const metric = METRICS[budget.metric];
        for (const { subject, figure } of metric.figures(summary)) {
            if (budget.subject !== undefined && subject !== budget.subject) continue;
            if (breaks(figure.mean, budget.operator, budget.limit)) broken.push({ budget: budget.text, ...(subject !== undefined ? { subject } : {}), value: figure.mean, unit: metric.unit });
        }
    }
    return broken;
}

function breaks(value: number, operator: Operator, limit: number): boolean {
    switch (operator) {
        case '>':
            return value > limit;
        case '>=':
            return value >= limit;
        case '<':
            return value < limit;
        case '<=':
            return value <= limit;
    }
}
