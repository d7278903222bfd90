import type { WorkflowSimulation } from './simulation-report.js';
import { formatDuration, formatNumber, formatShare } from '../units.js';

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
                      : `; even ${advice.searchedUpTo} do not keep it under ${formatShare(slaTarget)}: look at the working hours, the handling time or the SLA`;
            breaking.push(`${station.step} breaches its ${formatDuration(sla)} SLA for ${formatShare(station.breachRate.mean)} of cases ${staffed}${remedy}.`);
        } else {
            holding.push(`${station.step} holds its ${formatDuration(sla)} SLA (${formatShare(station.breachRate.mean)} breached ${staffed}, mean wait ${formatDuration(station.meanWait.mean)}).`);
        }
    }
    const busy = summary.roles
        .filter((role) => role.utilisation.mean > BUSY_UTILISATION)
        .map((role) => `${role.party} is busy ${formatShare(role.utilisation.mean)} of its staffed time (${role.staff} staff): any rise in arrivals makes its queues grow.`);
    const escalating = summary.stations
        .filter((station) => station.escalationRate.mean > 0)
        .map((station) => {
            const deepest = [...station.levels].reverse().find((level) => level.share.mean > 0);
            const reach = deepest && deepest.level > 1 ? `; ${formatShare(deepest.share.mean)} reach level ${deepest.level} (${deepest.party})` : '';
            return `${formatShare(station.escalationRate.mean)} of ${station.step}'s items escalate${reach}.`;
        });
    const outages =
        summary.outageHours.mean > 0
            ? summary.stations
                  .filter((station) => station.fallbackLoad.duringOutages.mean > 0)
                  .map((station) => `During AI outages, fallbacks send ${formatNumber(station.fallbackLoad.duringOutages.mean, 1)} items an hour to ${station.step} (${formatNumber(station.fallbackLoad.outsideOutages.mean, 2)} outside them).`)
            : [];
    const unfinished = summary.outcomes
        .filter((outcome) => /^(stopped:|loop-limit)/.test(outcome.outcome) && outcome.share.mean > 0)
        .map((outcome) => `${formatShare(outcome.share.mean)} of cases end without an outcome (${outcome.outcome}): a route of the workflow leads nowhere in this scenario.`);
    return [...breaking, ...busy, ...outages, ...escalating, ...unfinished, ...holding];
}
