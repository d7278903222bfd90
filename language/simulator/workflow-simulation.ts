import { takerOf } from '../model/paths.js';
import type { Workflow } from '../model/schema.js';
import { brokenBudgets, type Budget } from './budgets.js';
import type { Summary } from './replications.js';
import { slasOf, type WorkflowSimulation } from './report/simulation-report.js';
import { DEFAULTS, type Scenario } from './scenario.js';
import { adviseStaffing, sweepStaffing } from './sweep.js';

// One workflow's simulation as `hitl simulate` and the editor report it: the summary the caller
// ran, the staffing advice and the sweep (run again through `rerun`), the budgets. The callers
// decide where the replications run (a worker pool, or the server between requests).

/** An SLA holds when at most this share of items breach it, unless a `sla-breach` budget says otherwise. */
export const DEFAULT_SLA_TARGET = 0.05;
export const DEFAULT_REPLICATIONS = 10;
export const DEFAULT_SEED = 1;

export interface SimulationSettings {
    readonly replications: number;
    readonly seed: number;
    readonly slaTarget: number;
    readonly budgets: readonly Budget[];
    readonly sweep?: StaffingRange;
}

/** `Underwriter=1..8`: a party and the staffings to try. */
export interface StaffingRange {
    readonly party: string;
    readonly staffs: readonly number[];
}

/** A bound on the work one run may ask for: cases × replications. */
export const MAX_CASE_RUNS = 200_000_000;

/** At most this many staffings in one sweep. */
export const MAX_SWEEP_STAFFINGS = 64;

/** Runs the replications with `scenario` and summarises them; `what` names the run for progress messages. */
export type RunReplications = (scenario: Scenario, what: string) => Promise<Summary>;

export async function workflowSimulation(
    workflow: Workflow,
    chosen: { readonly scenario: Scenario; readonly shown: string },
    settings: SimulationSettings,
    summary: Summary,
    run: RunReplications,
): Promise<WorkflowSimulation> {
    const { scenario } = chosen;
    const staffed = (party: string, staff: number): Scenario => ({ ...scenario, roles: { ...scenario.roles, [party]: { ...scenario.roles?.[party], staff } } });
    const rerun = (party: string, staff: number) => run(staffed(party, staff), `${party}=${staff}`);
    const advice = await adviseStaffing(summary, settings.slaTarget, rerun);
    const { sweep } = settings;
    const swept = sweep && partiesAtStations(workflow).includes(sweep.party) ? await sweepStaffing(sweep.party, sweep.staffs, settings.slaTarget, rerun) : undefined;
    return {
        workflow: workflow.id,
        ...(workflow.title !== undefined ? { title: workflow.title } : {}),
        scenario: chosen.shown,
        ...(scenario.horizon !== undefined ? { horizonSeconds: scenario.horizon } : { cases: scenario.cases ?? DEFAULTS.cases }),
        replications: settings.replications,
        seed: settings.seed,
        slaTarget: settings.slaTarget,
        slas: slasOf(workflow),
        summary,
        advice,
        ...(swept ? { sweep: swept } : {}),
        budgets: settings.budgets.map((budget) => budget.text),
        broken: brokenBudgets(settings.budgets, summary),
    };
}

/** The parties whose people work a workflow's gates and queues (as the simulator staffs them). */
export function partiesAtStations(workflow: Workflow): string[] {
    return workflow.steps.flatMap((step) => (step.kind === 'gate' || step.kind === 'queue' ? [takerOf(step)].filter((party) => party !== undefined) : []));
}

/**
 * How much to simulate: a number of cases or a horizon (seconds) override the scenario's; a
 * horizon alone lets cases arrive until it, however many that is.
 */
export function withVolume(scenario: Scenario, cases: number | undefined, horizon: number | undefined): Scenario {
    const { cases: _cases, horizon: _horizon, ...rest } = scenario;
    if (cases !== undefined) return { ...rest, cases };
    if (horizon !== undefined) return { ...rest, horizon, cases: Number.MAX_SAFE_INTEGER };
    if (scenario.horizon !== undefined && scenario.cases === undefined) return { ...scenario, cases: Number.MAX_SAFE_INTEGER };
    return scenario;
}
