import type { AiStep, Gate, Step, Workflow } from '../../model/schema.js';

/**
 * The names the exported process shares with the job workers and task forms that run it: the
 * deployment contract, documented in docs/export.md.
 */

/** The failure modes an AI job worker reports as a BPMN error, by this code (low confidence is a variable instead). */
export const AI_FAILURES = ['unavailable', 'abnormal-output', 'error'] as const;

/** The job type of a service task: `<Workflow>.<Step>`, one worker per step. */
export function jobType(workflow: Workflow, step: Step): string {
    return `${workflow.id}.${step.id}`;
}

/** The variable a gate's task form sets to the reviewer's action (`approve`, `reject`, …). */
export function actionVariable(gate: Gate): string {
    return `${gate.id}_action`;
}

/** The variable an AI step's worker sets to the confidence of its answer, between 0 and 1. */
export function confidenceVariable(step: AiStep): string {
    return `${step.id}_confidence`;
}

/** The form of a gate or queue, `<Workflow>.<Step>`, also used by the levels of its escalation: a gate's form sets its action variable. */
export function formId(workflow: Workflow, step: Step): string {
    return `${workflow.id}.${step.id}`;
}
