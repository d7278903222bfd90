import { delayNextTick, UriUtils } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ErrorCodes, LSPErrorCodes, RequestType, ResponseError, type CancellationToken, type Connection, type WorkDoneProgressParams } from 'vscode-languageserver';
import type { HitlModel, Workflow } from '../../model/schema.js';
import { nearestNames } from '../../references/nearest-names.js';
import { simulateRun } from '../../simulator/engine.js';
import { summarise, type Summary } from '../../simulator/replications.js';
import { simulationReport, type SimulationReport } from '../../simulator/report/simulation-report.js';
import type { TraceEntry } from '../../simulator/results.js';
import type { Scenario } from '../../simulator/scenario.js';
import {
    DEFAULT_REPLICATIONS,
    DEFAULT_SEED,
    DEFAULT_SLA_TARGET,
    MAX_CASE_RUNS,
    MAX_SWEEP_STAFFINGS,
    partiesAtStations,
    withVolume,
    workflowSimulation,
    type RunReplications,
    type StaffingRange,
} from '../../simulator/workflow-simulation.js';
import { ScenarioError, scenarioFor, type ScenarioChoice } from '../../workspace/scenario-location.js';
import { builtWorkspace, modelOf, refuseErrors, toolVersion } from './built-workspace.js';

// `hitl/simulate` and `hitl/trace`: the simulator run in the server, one replication after
// another, yielding between them so that the server keeps answering and a cancellation stops
// the run. The result is the report `hitl simulate --format json` prints.

export interface SimulateParams extends WorkDoneProgressParams {
    /** The document holding the workflow. */
    readonly uri: string;
    readonly workflow: string;
    readonly cases?: number;
    readonly replications?: number;
    readonly seed?: number;
    /** The scenario file relative to the workspace root (the setting `hitl.simulation.scenario`); else the one next to the workflow, else the defaults. */
    readonly scenario?: string;
    readonly sweep?: { readonly party: string; readonly from: number; readonly to: number };
}

export interface SimulateResult {
    readonly report: SimulationReport;
    /** The parties whose staffing a sweep may vary. */
    readonly parties: readonly string[];
}

export const SimulateRequest = new RequestType<SimulateParams, SimulateResult, void>('hitl/simulate');

export interface TraceParams {
    readonly uri: string;
    readonly workflow: string;
    /** The case, counted from 0 in order of arrival, of the first replication. */
    readonly case: number;
    readonly cases?: number;
    readonly seed?: number;
    readonly scenario?: string;
}

export interface TraceResult {
    readonly workflow: string;
    readonly case: number;
    readonly seed: number;
    readonly trace: readonly TraceEntry[];
    /** The steps the case went through, in order (a step repeated only when the case comes back to it). */
    readonly steps: readonly string[];
}

export const TraceRequest = new RequestType<TraceParams, TraceResult, void>('hitl/trace');

/** Reports how far a run is; the server passes LSP work-done progress. */
export interface SimulationProgress {
    report(message: string, percentage?: number): void;
}

export function registerSimulationRequests(connection: Connection, shared: LangiumSharedServices): void {
    connection.onRequest(SimulateRequest, async (params, token) => {
        const workDone = connection.window.attachWorkDoneProgress(params.workDoneToken);
        workDone.begin('Simulating', 0, params.workflow, true);
        try {
            return await simulate(shared, params, token, { report: (message, percentage) => workDone.report(percentage ?? 0, message) });
        } finally {
            workDone.done();
        }
    });
    connection.onRequest(TraceRequest, (params, token) => traceCase(shared, params, token));
}

export async function simulate(shared: LangiumSharedServices, params: SimulateParams, token: CancellationToken, progress?: SimulationProgress): Promise<SimulateResult> {
    const { model, workflow, chosen } = await prepare(shared, params, token);
    const replications = whole('replications', params.replications, 1) ?? DEFAULT_REPLICATIONS;
    const seed = whole('seed', params.seed, 0) ?? DEFAULT_SEED;
    const scenario = withVolume(chosen.scenario, whole('cases', params.cases, 1), undefined);
    if ((scenario.cases ?? 0) * replications > MAX_CASE_RUNS && scenario.horizon === undefined) {
        throw invalid(`${scenario.cases} cases × ${replications} replications is more than ${MAX_CASE_RUNS.toLocaleString('en-GB')} case runs; lower the cases or replications`);
    }
    const parties = [...new Set(partiesAtStations(workflow))].sort();
    const sweep = params.sweep && sweepRange(params.sweep, parties);
    const run: RunReplications = async (withScenario: Scenario, what: string): Promise<Summary> => {
        const runs = [];
        for (let replication = 0; replication < replications; replication++) {
            // Let other requests through, and stop between replications when cancelled.
            await delayNextTick();
            if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'the simulation was cancelled');
            runs.push(simulateRun(model, { workflow: workflow.id, scenario: withScenario, seed, replication }));
            progress?.report(`${what} ${replication + 1}/${replications}`, Math.round(((replication + 1) / replications) * 100));
        }
        return summarise(runs);
    };
    const settings = { replications, seed, slaTarget: DEFAULT_SLA_TARGET, budgets: [], ...(sweep ? { sweep } : {}) };
    const summary = await run(scenario, 'replication');
    const simulation = await workflowSimulation(workflow, { scenario, shown: chosen.shown }, settings, summary, run);
    return { report: simulationReport(toolVersion(), [simulation]), parties };
}

export async function traceCase(shared: LangiumSharedServices, params: TraceParams, token: CancellationToken): Promise<TraceResult> {
    const { model, workflow, chosen } = await prepare(shared, params, token);
    const seed = whole('seed', params.seed, 0) ?? DEFAULT_SEED;
    const caseNumber = whole('case', params.case, 0) ?? 0;
    const scenario = withVolume(chosen.scenario, whole('cases', params.cases, 1), undefined);
    const run = simulateRun(model, { workflow: workflow.id, scenario, seed, replication: 0, traceCase: caseNumber });
    const trace = run.trace ?? [];
    if (trace.length === 0) throw invalid(`case ${caseNumber} never arrives in this run of ${workflow.id} (${run.cases.arrived} cases arrived; they are counted from 0)`);
    const steps = trace.map((entry) => entry.step).filter((step, index, all) => index === 0 || all[index - 1] !== step);
    return { workflow: workflow.id, case: caseNumber, seed, trace, steps };
}

/** The checked workspace, its model, the workflow asked for and its scenario; refused while the workspace has errors. */
async function prepare(shared: LangiumSharedServices, params: { workflow: string; scenario?: string }, token: CancellationToken): Promise<{ model: HitlModel; workflow: Workflow; chosen: ScenarioChoice }> {
    const workspace = await builtWorkspace(shared, token);
    refuseErrors(workspace, 'simulation');
    const model = modelOf(workspace);
    const workflow = model.workflows.find((candidate) => candidate.id === params.workflow);
    if (!workflow) {
        const near = nearestNames(params.workflow, model.workflows.map((candidate) => candidate.id));
        throw invalid(`no workflow '${params.workflow}' in the workspace${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''}`);
    }
    const given = params.scenario?.trim() ? { uri: UriUtils.resolvePath(workspace.root, params.scenario.trim()), shown: params.scenario.trim() } : undefined;
    try {
        const chosen = await scenarioFor(shared.workspace.FileSystemProvider, workflow, model, { root: workspace.root, ...(given ? { given } : {}) });
        return { model, workflow, chosen };
    } catch (error) {
        if (error instanceof ScenarioError) throw invalid(error.message);
        throw error;
    }
}

function sweepRange(sweep: NonNullable<SimulateParams['sweep']>, parties: readonly string[]): StaffingRange {
    if (!parties.includes(sweep.party)) {
        const near = nearestNames(sweep.party, parties);
        throw invalid(`no gate or queue is worked by '${sweep.party}'${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''} (${parties.join(', ') || 'none'})`);
    }
    const from = whole('sweep from', sweep.from, 1)!;
    const to = whole('sweep to', sweep.to, from)!;
    if (to - from >= MAX_SWEEP_STAFFINGS) throw invalid(`at most ${MAX_SWEEP_STAFFINGS} staffings in one sweep`);
    return { party: sweep.party, staffs: Array.from({ length: to - from + 1 }, (_, index) => from + index) };
}

function whole(name: string, value: number | undefined, minimum: number): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Number.isSafeInteger(value) || value < minimum) throw invalid(`${name} takes a whole number of ${minimum} or more, not ${String(value)}`);
    return value;
}

function invalid(message: string): ResponseError<void> {
    return new ResponseError(ErrorCodes.InvalidParams, message);
}
