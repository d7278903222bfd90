import type { WorkflowSimulation } from './simulation-report.js';
import { formatDuration, formatShare } from './units.js';

/** Utilisation above this leaves no slack: any rise in arrivals makes the queue grow. */
export const BUSY_UTILISATION = 0.85;

/**
 * The summary in sentences, most urgent first: SLAs that do not hold (with the staffing that
 * would hold them), people near saturation, cases that end without an outcome, then the SLAs
 * that hold. Shared by the text, Markdown and HTML formats.
 */
export function findingsOf(simulation: WorkflowSimulation): string[] {
    const { summary, slas, slaTarget } = simulation;
    const breaking: string[] = [];
    const holding: string[] = [];
    for (const station of summary.stations) {
        const sla = slas[station.step];
        if (sla === undefined) continue;
        const staffed = `with ${station.staff} ${station.party} staff`;
        if (station.breachRate.mean > slaTarget) {
            const advice = simulation.advice.find((entry) => entry.party === station.party && entry.stations.includes(station.step));
            const remedy =
                advice === undefined
                    ? ''
                    : advice.needed !== undefined
                      ? `; ${advice.needed} keep it under ${formatShare(slaTarget)}`
                      : `; even ${advice.searchedUpTo} do not keep it under ${formatShare(slaTarget)}: look at the handling time or the SLA`;
            breaking.push(`${station.step} breaches its ${formatDuration(sla)} SLA for ${formatShare(station.breachRate.mean)} of cases ${staffed}${remedy}.`);
        } else {
            holding.push(`${station.step} holds its ${formatDuration(sla)} SLA (${formatShare(station.breachRate.mean)} breached ${staffed}, mean wait ${formatDuration(station.meanWait.mean)}).`);
        }
    }
    const busy = summary.stations
        .filter((station) => station.utilisation.mean > BUSY_UTILISATION)
        .map((station) => `${station.party} is busy ${formatShare(station.utilisation.mean)} of the time at ${station.step}: any rise in arrivals makes its queue grow.`);
    const unfinished = summary.outcomes
        .filter((outcome) => /^(stopped:|loop-limit)/.test(outcome.outcome) && outcome.share.mean > 0)
        .map((outcome) => `${formatShare(outcome.share.mean)} of cases end without an outcome (${outcome.outcome}): a route of the workflow leads nowhere in this scenario.`);
    return [...breaking, ...busy, ...unfinished, ...holding];
}
