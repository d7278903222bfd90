import type { Figure, StationSummary, Summary } from '../../language/simulator/replications.js';

/** Summaries written by hand for the code that reads them (budgets, staffing advice): only the figures a test sets matter. */

export const figure = (mean: number): Figure => ({ mean, ci95: 0 });

export function station(fields: Pick<StationSummary, 'step' | 'party' | 'staff'> & Partial<StationSummary>): StationSummary {
    return {
        kind: 'gate',
        reviewers: 1,
        discipline: 'fifo',
        meanWait: figure(0),
        p90Wait: figure(0),
        waitedShare: figure(0),
        utilisation: figure(0),
        breachRate: figure(0),
        escalationRate: figure(0),
        levels: [],
        fallbackLoad: { duringOutages: figure(0), outsideOutages: figure(0) },
        ...fields,
    };
}

export function summary(fields: Partial<Summary>): Summary {
    const zero = figure(0);
    return {
        workflow: 'Credit',
        seed: 1,
        replications: 10,
        throughputPerDay: zero,
        reachedPerson: zero,
        decidedByPerson: zero,
        withoutPerson: zero,
        cycleTime: { mean: zero, p50: zero, p90: zero, p95: zero, p99: zero },
        cycleTimeHistogram: [],
        stations: [],
        roles: [],
        escalations: [],
        aiSteps: [],
        outcomes: [],
        outageHours: zero,
        ...fields,
    };
}
