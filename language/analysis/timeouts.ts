import { isEscalation, isEventRoute, type Escalation, type EventRoute, type Gate, type ManualQueue, type Step } from '../generated/ast.js';
import { workflowOf } from './governance.js';
import { escalationReferencesOf } from './escalation.js';

/** The escalation a step would naturally time out to: one it already uses, else the workflow's first. */
export function suggestedEscalation(step: Step): Escalation | undefined {
    for (const reference of escalationReferencesOf(step)) {
        if (isEscalation(reference.target)) return reference.target;
    }
    return workflowOf(step)?.escalations[0];
}

export function failClosedAction(step: Step): string {
    const escalation = suggestedEscalation(step);
    return escalation ? `escalate to ${escalation.name}` : 'deny';
}

export function timeoutRoutesOf(step: Gate | ManualQueue): EventRoute[] {
    return step.routes.filter((route): route is EventRoute => isEventRoute(route) && route.event === 'timeout');
}
