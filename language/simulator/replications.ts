import type { HitlModel } from '../model/schema.js';
import { simulateRun, type RunOptions, type RunResult } from './engine.js';
import { estimate, round, type Estimate } from './statistics.js';

export interface SimulateOptions extends Omit<RunOptions, 'replication'> {
    /** Independent replications (default 10), each on its own stream of the seed. */
    readonly replications?: number;
}

/** A figure over replications: its mean and the half-width of its 95% confidence interval. */
export interface Figure {
    readonly mean: number;
    readonly ci95: number;
}

export interface Summary {
    readonly workflow: string;
    readonly seed: number;
    readonly replications: number;
    readonly reachedPerson: Figure;
    readonly withoutPerson: Figure;
    readonly cycleTime: { readonly mean: Figure; readonly p50: Figure; readonly p90: Figure; readonly p95: Figure; readonly p99: Figure };
    readonly stations: ReadonlyArray<{ readonly step: string; readonly party: string; readonly staff: number; readonly meanWait: Figure; readonly breachRate: Figure; readonly utilisation: Figure }>;
    readonly outcomes: ReadonlyArray<{ readonly outcome: string; readonly share: Figure }>;
}

/**
 * R replications of a run and the figures over them. Replication r uses stream r of the seed,
 * so the result does not depend on the order (or the threads) the replications run in: a
 * worker pool in the CLI can run them with {@link simulateRun} and combine with {@link summarise}.
 */
export function simulate(model: HitlModel, options: SimulateOptions): { runs: RunResult[]; summary: Summary } {
    const runs: RunResult[] = [];
    for (let replication = 0; replication < (options.replications ?? 10); replication++) runs.push(simulateRun(model, { ...options, replication }));
    return { runs, summary: summarise(runs) };
}

/** The figures over replications of one workflow, ordered by replication. */
export function summarise(runs: readonly RunResult[]): Summary {
    const ordered = [...runs].sort((a, b) => a.replication - b.replication);
    const figure = (values: readonly number[], digits = 6): Figure => {
        const found: Estimate = estimate(values);
        return { mean: round(found.mean, digits), ci95: round(found.ci95, digits) };
    };
    const first = ordered[0];
    const outcomes = [...new Set(ordered.flatMap((run) => run.outcomes.map((o) => o.outcome)))].sort();
    return {
        workflow: first?.workflow ?? '',
        seed: first?.seed ?? 0,
        replications: ordered.length,
        reachedPerson: figure(ordered.map((run) => run.people.reachedPerson)),
        withoutPerson: figure(ordered.map((run) => run.people.withoutPerson)),
        cycleTime: {
            mean: figure(ordered.map((run) => run.cycleTime.mean), 3),
            p50: figure(ordered.map((run) => run.cycleTime.p50), 3),
            p90: figure(ordered.map((run) => run.cycleTime.p90), 3),
            p95: figure(ordered.map((run) => run.cycleTime.p95), 3),
            p99: figure(ordered.map((run) => run.cycleTime.p99), 3),
        },
        stations: (first?.stations ?? []).map((station, index) => ({
            step: station.step,
            party: station.party,
            staff: station.staff,
            meanWait: figure(ordered.map((run) => run.stations[index].meanWait), 3),
            breachRate: figure(ordered.map((run) => run.stations[index].breachRate)),
            utilisation: figure(ordered.map((run) => run.stations[index].utilisation)),
        })),
        outcomes: outcomes.map((outcome) => ({ outcome, share: figure(ordered.map((run) => run.outcomes.find((o) => o.outcome === outcome)?.share ?? 0)) })),
    };
}
