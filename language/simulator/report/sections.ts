import type { WorkflowSimulation } from './simulation-report.js';
import { formatDuration, formatDurationFigure, formatNumber, formatShare, formatShareFigure } from '../units.js';

/**
 * The report's tables as rows of text cells, shared by the text and Markdown formats (which
 * differ only in how a table is drawn) and the HTML format.
 */

export interface Table {
    readonly title: string;
    readonly header: readonly string[];
    readonly rows: ReadonlyArray<readonly string[]>;
    /** Columns aligned right (figures). */
    readonly numeric: readonly number[];
    readonly note?: string;
}

export function runLine(simulation: WorkflowSimulation): string {
    const volume = simulation.cases !== undefined ? `${formatNumber(simulation.cases)} cases` : `${formatDuration(simulation.horizonSeconds ?? 0)} of arrivals`;
    const scenario = simulation.scenario === 'defaults' ? 'the documented defaults' : `scenario ${simulation.scenario}`;
    return `${volume} × ${simulation.replications} replications, seed ${simulation.seed}, ${scenario}`;
}

export function headlineFigures(simulation: WorkflowSimulation): ReadonlyArray<readonly [string, string]> {
    const { cycleTime, reachedPerson, decidedByPerson, withoutPerson, throughputPerDay, outageHours } = simulation.summary;
    return [
        ['Throughput', `${formatNumber(throughputPerDay.mean, 1)} cases a day`],
        ['Cycle time', `mean ${formatDurationFigure(cycleTime.mean)} · p50 ${formatDuration(cycleTime.p50.mean)} · p90 ${formatDuration(cycleTime.p90.mean)} · p95 ${formatDuration(cycleTime.p95.mean)} · p99 ${formatDuration(cycleTime.p99.mean)}`],
        ['People', `${formatShareFigure(reachedPerson)} reach a person · ${formatShareFigure(decidedByPerson)} decided by one · ${formatShareFigure(withoutPerson)} decided without one`],
        ...(outageHours.mean > 0 ? [['AI outages', `${formatNumber(outageHours.mean, 1)} hours in the run`] as const] : []),
    ];
}

export function stationTable(simulation: WorkflowSimulation): Table {
    return {
        title: 'Gates and queues',
        header: ['Step', 'Staff', 'SLA', 'Mean wait', 'p90 wait', 'SLA breached', 'Escalated', 'Utilisation'],
        numeric: [2, 3, 4, 5, 6, 7],
        rows: simulation.summary.stations.map((station) => [
            `${station.step}${station.reviewers > 1 ? ' (four eyes)' : ''}${station.discipline === 'risk' ? ' (by risk)' : ''}`,
            `${station.staff} ${station.party}`,
            simulation.slas[station.step] !== undefined ? formatDuration(simulation.slas[station.step]) : '—',
            formatDurationFigure(station.meanWait),
            formatDuration(station.p90Wait.mean),
            formatShareFigure(station.breachRate),
            formatShareFigure(station.escalationRate),
            formatShareFigure(station.utilisation),
        ]),
    };
}

export function roleTable(simulation: WorkflowSimulation): Table {
    return {
        title: 'People',
        header: ['Party', 'Staff', 'Utilisation', 'Work a day', 'Staffed a day', 'Most waiting'],
        numeric: [1, 2, 3, 4, 5],
        rows: simulation.summary.roles.map((role) => [
            role.party,
            String(role.staff),
            formatShareFigure(role.utilisation),
            `${formatNumber(role.workHoursPerDay.mean, 1)} h`,
            `${formatNumber(role.staffedHoursPerDay.mean, 1)} h`,
            formatNumber(Math.max(0, ...role.backlog.values.map((value) => value.mean)), 1),
        ]),
        note: 'Most waiting: the largest mean number of items waiting for the party at one sampling time.',
    };
}

export function aiTable(simulation: WorkflowSimulation): Table {
    return {
        title: 'AI steps',
        header: ['Step', 'Runs', 'Low confidence', 'Failed', 'Failed in outages'],
        numeric: [1, 2, 3, 4],
        rows: simulation.summary.aiSteps.map((step) => [
            step.step,
            formatNumber(step.runs.mean),
            formatShareFigure(step.lowConfidenceShare),
            Object.entries(step.failureShare)
                .filter(([, share]) => share.mean > 0)
                .map(([mode, share]) => `${mode} ${formatShare(share.mean)}`)
                .join(', ') || '0%',
            formatNumber(step.outageRuns.mean),
        ]),
    };
}

export function outcomeTable(simulation: WorkflowSimulation): Table {
    return {
        title: 'Outcomes',
        header: ['Outcome', 'Share of cases'],
        numeric: [1],
        rows: simulation.summary.outcomes.map((outcome) => [outcome.outcome, formatShareFigure(outcome.share)]),
    };
}

export function sweepTable(simulation: WorkflowSimulation): Table | undefined {
    const sweep = simulation.sweep;
    if (!sweep) return undefined;
    const steps = sweep.rows[0]?.stations.map((station) => station.step) ?? [];
    const verdict = sweep.smallest !== undefined ? `${sweep.smallest} ${sweep.party} is the smallest staffing that meets every SLA.` : `No staffing of ${sweep.party} in the range meets every SLA.`;
    return {
        title: `Staffing sweep of ${sweep.party} (an SLA holds when at most ${formatShare(sweep.target)} of items breach it)`,
        header: ['Staff', ...steps.map((step) => `${step} breached`), 'Every SLA holds'],
        numeric: [0, ...steps.map((_, index) => index + 1)],
        rows: sweep.rows.map((row) => [String(row.staff), ...row.stations.map((station) => formatShare(station.breachRate)), row.meetsSlas ? 'yes' : 'no']),
        note: verdict,
    };
}

/** The budgets line: which `--fail-on` budgets broke and by what figure. */
export function budgetLines(simulation: WorkflowSimulation): string[] {
    if (simulation.budgets.length === 0) return [];
    if (simulation.broken.length === 0) return [`Budgets hold: ${simulation.budgets.join(', ')}.`];
    return simulation.broken.map((broken) => `Budget broken: ${broken.budget}${broken.subject !== undefined ? ` at ${broken.subject}` : ''} (${broken.unit === 'share' ? formatShare(broken.value) : formatDuration(broken.value)}).`);
}
