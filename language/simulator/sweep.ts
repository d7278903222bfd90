import type { Summary } from './replications.js';

/**
 * Staffing questions answered by running the simulation again with one party's staff changed:
 * the sweep (`--sweep Underwriter=1..8`) and the advice in the summary ("5 keep it under 5%").
 * Pure: the caller runs the replications (in a worker pool) through `run`.
 */

export type RunWithStaff = (party: string, staff: number) => Promise<Summary>;

export interface SweepRow {
    readonly staff: number;
    readonly meetsSlas: boolean;
    readonly stations: ReadonlyArray<{ readonly step: string; readonly party: string; readonly breachRate: number; readonly meanWait: number; readonly utilisation: number }>;
}

export interface SweepResult {
    readonly party: string;
    /** The highest SLA breach rate a station may have for the staffing to meet every SLA. */
    readonly target: number;
    readonly rows: readonly SweepRow[];
    /** The smallest staffing in the range that meets every SLA, if any does. */
    readonly smallest?: number;
}

/** Whether every gate and queue of the summary keeps its breach rate (mean over replications) at or under `target`. */
export function meetsSlas(summary: Summary, target: number): boolean {
    return summary.stations.every((station) => station.breachRate.mean <= target);
}

export async function sweepStaffing(party: string, staffs: readonly number[], target: number, run: RunWithStaff): Promise<SweepResult> {
    const rows: SweepRow[] = [];
    for (const staff of staffs) {
        const summary = await run(party, staff);
        rows.push({
            staff,
            meetsSlas: meetsSlas(summary, target),
            stations: summary.stations.map((station) => ({ step: station.step, party: station.party, breachRate: station.breachRate.mean, meanWait: station.meanWait.mean, utilisation: station.utilisation.mean })),
        });
    }
    const smallest = rows.find((row) => row.meetsSlas)?.staff;
    return { party, target, rows, ...(smallest !== undefined ? { smallest } : {}) };
}

export interface StaffingAdvice {
    readonly party: string;
    readonly staff: number;
    /** The gates and queues of this party that breach their SLA more often than the target. */
    readonly stations: readonly string[];
    /** The smallest staffing found that keeps them at or under the target; absent when `searchedUpTo` does not. */
    readonly needed?: number;
    readonly searchedUpTo: number;
}

/** At most this many more people are tried per party: beyond it, staffing is not the answer. */
export const ADVICE_SEARCH_LIMIT = 32;

/**
 * For each party whose gates or queues breach their SLA more often than `target`, the smallest
 * staffing that brings them all to the target, the other parties as they are. More staff never
 * means more breaches (the runs share their random numbers), so the search gallops up (+1, +2,
 * +4, …) and then halves the last step: a handful of runs, not one per person.
 */
export async function adviseStaffing(summary: Summary, target: number, run: RunWithStaff): Promise<StaffingAdvice[]> {
    const breaching = new Map<string, { staff: number; stations: string[] }>();
    for (const station of summary.stations) {
        if (station.breachRate.mean <= target) continue;
        const entry = breaching.get(station.party) ?? { staff: station.staff, stations: [] };
        entry.stations.push(station.step);
        breaching.set(station.party, entry);
    }
    const advice: StaffingAdvice[] = [];
    for (const [party, { staff, stations }] of [...breaching].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const searchedUpTo = staff + ADVICE_SEARCH_LIMIT;
        const meets = async (candidate: number) => (await run(party, candidate)).stations.filter((station) => stations.includes(station.step)).every((station) => station.breachRate.mean <= target);
        let failing = staff;
        let passing: number | undefined;
        for (let step = 1; passing === undefined && failing < searchedUpTo; step *= 2) {
            const candidate = Math.min(staff + step, searchedUpTo);
            if (await meets(candidate)) passing = candidate;
            else failing = candidate;
        }
        while (passing !== undefined && passing - failing > 1) {
            const middle = Math.floor((failing + passing) / 2);
            if (await meets(middle)) passing = middle;
            else failing = middle;
        }
        advice.push({ party, staff, stations, ...(passing !== undefined ? { needed: passing } : {}), searchedUpTo });
    }
    return advice;
}
