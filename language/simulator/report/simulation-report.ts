import { MODEL_API_VERSION, type Workflow } from '../../model/schema.js';
import type { BrokenBudget } from '../budgets.js';
import type { Summary } from '../replications.js';
import type { StaffingAdvice, SweepResult } from '../sweep.js';
import { deadlineOf } from '../../model/paths.js';

/**
 * What `hitl simulate` reports, per workflow: the run's settings, the figures over replications,
 * the staffing advice, the sweep and the budgets. Plain JSON (the `json` format prints it as it
 * is); the text, Markdown and HTML formats are views of it.
 */
export interface SimulationReport {
    readonly apiVersion: typeof MODEL_API_VERSION;
    readonly kind: 'SimulationReport';
    readonly toolVersion: string;
    readonly workflows: readonly WorkflowSimulation[];
}

export interface WorkflowSimulation {
    readonly workflow: string;
    readonly title?: string;
    /** The scenario file (relative to the workspace root), or `defaults`. */
    readonly scenario: string;
    readonly cases?: number;
    readonly horizonSeconds?: number;
    readonly replications: number;
    readonly seed: number;
    /** The SLA breach rate a gate or queue may reach and still count as holding its SLA. */
    readonly slaTarget: number;
    /** Per gate and queue: its SLA (a queue: its timeout) in seconds, when declared. */
    readonly slas: Readonly<Record<string, number>>;
    readonly summary: Summary;
    readonly advice: readonly StaffingAdvice[];
    readonly sweep?: SweepResult;
    readonly budgets: readonly string[];
    readonly broken: readonly BrokenBudget[];
}

/** The SLA of each gate (a queue: its timeout, else its SLA), in seconds. */
export function slasOf(workflow: Workflow): Record<string, number> {
    const slas: Record<string, number> = {};
    for (const step of workflow.steps) {
        const sla = step.kind === 'gate' || step.kind === 'queue' ? deadlineOf(step) : undefined;
        if (sla) slas[step.id] = sla.seconds;
    }
    return slas;
}

export function simulationReport(toolVersion: string, workflows: readonly WorkflowSimulation[]): SimulationReport {
    return { apiVersion: MODEL_API_VERSION, kind: 'SimulationReport', toolVersion, workflows };
}

/** The JSON format: stable key order (as built), two-space indent, a final newline. */
export function renderJson(report: SimulationReport): string {
    return `${JSON.stringify(report, null, 2)}\n`;
}
