import type { HitlModel } from '../model/schema.js';
import { simulateRun, type RunOptions } from './engine.js';
import type { RunResult } from './results.js';
import { estimate, round } from './statistics.js';

export interface SimulateOptions extends Omit<RunOptions, 'replication' | 'traceCase' | 'onAuditRecord'> {
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
    readonly throughputPerDay: Figure;
    readonly reachedPerson: Figure;
    readonly decidedByPerson: Figure;
    readonly withoutPerson: Figure;
    readonly cycleTime: { readonly mean: Figure; readonly p50: Figure; readonly p90: Figure; readonly p95: Figure; readonly p99: Figure };
    /** The runs' histograms added up (`count`), and each bin's share of a run's cases over replications. */
    readonly cycleTimeHistogram: ReadonlyArray<{ readonly upTo: number | null; readonly count: number; readonly share: Figure }>;
    readonly stations: readonly StationSummary[];
    readonly roles: readonly RoleSummary[];
    readonly escalations: ReadonlyArray<{ readonly escalation: string; readonly entered: Figure; readonly levels: ReadonlyArray<{ readonly level: number; readonly party: string; readonly reached: Figure }>; readonly exhausted: Figure }>;
    readonly aiSteps: readonly AiStepSummary[];
    readonly outcomes: ReadonlyArray<{ readonly outcome: string; readonly share: Figure }>;
    readonly outageHours: Figure;
}

export interface StationSummary {
    readonly step: string;
    readonly kind: 'gate' | 'queue';
    readonly party: string;
    readonly staff: number;
    readonly reviewers: number;
    readonly discipline: 'fifo' | 'risk';
    readonly sla?: number;
    readonly meanWait: Figure;
    readonly p90Wait: Figure;
    readonly waitedShare: Figure;
    readonly utilisation: Figure;
    readonly breachRate: Figure;
    readonly escalationRate: Figure;
    readonly levels: ReadonlyArray<{ readonly level: number; readonly party: string; readonly share: Figure }>;
    /** Items per hour an AI failure's fallback sent here, inside and outside outage windows. */
    readonly fallbackLoad: { readonly duringOutages: Figure; readonly outsideOutages: Figure };
}

export interface RoleSummary {
    readonly party: string;
    readonly staff: number;
    readonly utilisation: Figure;
    readonly workHoursPerDay: Figure;
    readonly staffedHoursPerDay: Figure;
    /** Items waiting at times 0, every, 2 × every, … (the coarsest interval of the runs), over the runs that lasted that long. */
    readonly backlog: { readonly every: number; readonly values: readonly Figure[] };
}

export interface AiStepSummary {
    readonly step: string;
    readonly runs: Figure;
    readonly lowConfidenceShare: Figure;
    /** Per failure mode: its share of the step's runs. */
    readonly failureShare: Readonly<Record<string, Figure>>;
    readonly outageRuns: Figure;
    readonly fallbackLoad: ReadonlyArray<{ readonly step: string; readonly duringOutages: Figure; readonly outsideOutages: Figure }>;
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

const figure = (values: readonly number[], digits = 6): Figure => {
    const found = estimate(values);
    return { mean: round(found.mean, digits), ci95: round(found.ci95, digits) };
};

/** The names some replication has, sorted. */
const namesOf = <T>(runs: readonly RunResult[], list: (run: RunResult) => readonly T[], name: (item: T) => string) => [...new Set(runs.flatMap((run) => list(run).map(name)))].sort();

/** The figures over replications of one workflow, ordered by replication. A figure a run lacks counts as 0 there. */
export function summarise(runs: readonly RunResult[]): Summary {
    const ordered = [...runs].sort((a, b) => a.replication - b.replication);
    const over = (value: (run: RunResult) => number, digits?: number) => figure(ordered.map(value), digits);
    const first = ordered[0];
    const station = (run: RunResult, step: string) => run.stations.find((s) => s.step === step);
    const role = (run: RunResult, party: string) => run.roles.find((r) => r.party === party);
    const ai = (run: RunResult, step: string) => run.aiSteps.find((a) => a.step === step);
    return {
        workflow: first?.workflow ?? '',
        seed: first?.seed ?? 0,
        replications: ordered.length,
        throughputPerDay: over((run) => run.throughputPerDay, 3),
        reachedPerson: over((run) => run.people.reachedPerson),
        decidedByPerson: over((run) => run.people.decidedByPerson),
        withoutPerson: over((run) => run.people.withoutPerson),
        cycleTime: {
            mean: over((run) => run.cycleTime.mean, 3),
            p50: over((run) => run.cycleTime.p50, 3),
            p90: over((run) => run.cycleTime.p90, 3),
            p95: over((run) => run.cycleTime.p95, 3),
            p99: over((run) => run.cycleTime.p99, 3),
        },
        cycleTimeHistogram: (first?.cycleTimeHistogram ?? []).map((bin, index) => ({
            upTo: bin.upTo,
            count: ordered.reduce((sum, run) => sum + run.cycleTimeHistogram[index].count, 0),
            share: over((run) => {
                const total = run.cycleTimeHistogram.reduce((sum, b) => sum + b.count, 0);
                return total > 0 ? run.cycleTimeHistogram[index].count / total : 0;
            }),
        })),
        stations: (first?.stations ?? []).map((s) => ({
            step: s.step,
            kind: s.kind,
            party: s.party,
            staff: s.staff,
            reviewers: s.reviewers,
            discipline: s.discipline,
            ...(s.sla !== undefined ? { sla: s.sla } : {}),
            meanWait: over((run) => station(run, s.step)?.meanWait ?? 0, 3),
            p90Wait: over((run) => station(run, s.step)?.p90Wait ?? 0, 3),
            waitedShare: over((run) => station(run, s.step)?.waitedShare ?? 0),
            utilisation: over((run) => station(run, s.step)?.utilisation ?? 0),
            breachRate: over((run) => station(run, s.step)?.breachRate ?? 0),
            escalationRate: over((run) => station(run, s.step)?.escalationRate ?? 0),
            levels: s.levels.map((level, index) => ({ level: level.level, party: level.party, share: over((run) => station(run, s.step)?.levels[index]?.share ?? 0) })),
            fallbackLoad: {
                duringOutages: over((run) => station(run, s.step)?.fallbackLoad.duringOutages.perHour ?? 0),
                outsideOutages: over((run) => station(run, s.step)?.fallbackLoad.outsideOutages.perHour ?? 0),
            },
        })),
        roles: namesOf(ordered, (run) => run.roles, (r) => r.party).map((party) => ({
            party,
            staff: ordered.map((run) => role(run, party)?.staff).find((staff) => staff !== undefined) ?? 0,
            utilisation: over((run) => role(run, party)?.utilisation ?? 0),
            workHoursPerDay: over((run) => role(run, party)?.workHoursPerDay ?? 0, 3),
            staffedHoursPerDay: over((run) => role(run, party)?.staffedHoursPerDay ?? 0, 3),
            backlog: backlogOver(ordered.map((run) => role(run, party)?.backlog)),
        })),
        escalations: namesOf(ordered, (run) => run.escalations, (e) => e.escalation).map((name) => {
            const of = (run: RunResult) => run.escalations.find((e) => e.escalation === name);
            const levels = ordered.map(of).find((e) => e !== undefined)!.levels;
            return {
                escalation: name,
                entered: over((run) => of(run)?.entered ?? 0, 3),
                levels: levels.map((level, index) => ({ level: level.level, party: level.party, reached: over((run) => of(run)?.levels[index]?.reached ?? 0, 3) })),
                exhausted: over((run) => of(run)?.exhausted ?? 0, 3),
            };
        }),
        aiSteps: (first?.aiSteps ?? []).map((a) => ({
            step: a.step,
            runs: over((run) => ai(run, a.step)?.runs ?? 0, 3),
            lowConfidenceShare: over((run) => ai(run, a.step)?.lowConfidenceShare ?? 0),
            failureShare: Object.fromEntries(
                [...new Set(ordered.flatMap((run) => Object.keys(ai(run, a.step)?.failures ?? {})))].sort().map((mode) => [
                    mode,
                    over((run) => {
                        const found = ai(run, a.step);
                        return found && found.runs > 0 ? (found.failures[mode] ?? 0) / found.runs : 0;
                    }),
                ]),
            ),
            outageRuns: over((run) => ai(run, a.step)?.outageRuns ?? 0, 3),
            fallbackLoad: [...new Set(ordered.flatMap((run) => (ai(run, a.step)?.fallbackLoad ?? []).map((load) => load.step)))].sort().map((step) => {
                const of = (run: RunResult) => ai(run, a.step)?.fallbackLoad.find((load) => load.step === step);
                return { step, duringOutages: over((run) => of(run)?.duringOutages ?? 0, 3), outsideOutages: over((run) => of(run)?.outsideOutages ?? 0, 3) };
            }),
        })),
        outcomes: namesOf(ordered, (run) => run.outcomes, (o) => o.outcome).map((outcome) => ({ outcome, share: over((run) => run.outcomes.find((o) => o.outcome === outcome)?.share ?? 0) })),
        outageHours: over((run) => run.outageHours, 3),
    };
}

/** Backlog samples over runs, on the coarsest interval any run kept (intervals are the base one doubled, so they nest). */
function backlogOver(backlogs: ReadonlyArray<RunResult['roles'][number]['backlog'] | undefined>): RoleSummary['backlog'] {
    const present = backlogs.filter((backlog) => backlog !== undefined);
    const every = Math.max(0, ...present.map((backlog) => backlog.every));
    const aligned = present.map((backlog) => backlog.values.filter((_, index) => (index * backlog.every) % every === 0));
    const length = Math.max(0, ...aligned.map((values) => values.length));
    const values = Array.from({ length }, (_, index) => figure(aligned.filter((values) => index < values.length).map((values) => values[index]), 3));
    return { every, values };
}
