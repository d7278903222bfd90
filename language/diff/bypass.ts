import { describePath, flowGraphOf, hasPeople, stepOf, type Edge } from '../model/paths.js';
import type { Workflow } from '../model/schema.js';
import { strengthening, weakening, type Change } from './change.js';

/**
 * The steps an item reaches from the start without a person acting on it: a gate or queue is
 * passed only along its edges that bypass the people there (a timeout that approves, a failure
 * route). Each with the path that reaches it.
 */
function reachedWithoutPerson(workflow: Workflow): Map<string, Edge[]> {
    const graph = flowGraphOf(workflow);
    const reached = new Map<string, Edge[]>();
    if (!workflow.start) return reached;
    reached.set(workflow.start, []);
    const queue = [workflow.start];
    for (let head = 0; head < queue.length; head++) {
        const id = queue[head];
        const step = stepOf(workflow, id);
        for (const edge of graph.outgoing.get(id) ?? []) {
            if (step && hasPeople(step) && !edge.bypassesHuman) continue;
            if (reached.has(edge.to)) continue;
            reached.set(edge.to, [...reached.get(id)!, edge]);
            queue.push(edge.to);
        }
    }
    return reached;
}

/** Decisions and effects that only people could let an item reach before, and that an item now reaches without anyone acting (and the reverse). */
export function bypassChanges(base: Workflow, head: Workflow): Change[] {
    const [before, after] = [reachedWithoutPerson(base), reachedWithoutPerson(head)];
    const changes: Change[] = [];
    for (const step of head.steps) {
        if (step.kind !== 'decision' && step.kind !== 'effect') continue;
        if (!stepOf(base, step.id)) continue;
        const element = `${step.kind} ${step.id}`;
        const path = after.get(step.id);
        if (path && !before.has(step.id)) {
            changes.push(weakening('gate-bypassed', { element, message: `${element} is now reached without a person acting: ${describePath(path)}.`, after: describePath(path), source: step.source }));
        } else if (!path && before.has(step.id)) {
            changes.push(strengthening('gate-now-required', 'gate-bypassed', { element, message: `${element} is now reached only after a person acts.`, before: describePath(before.get(step.id)!), source: step.source }));
        }
    }
    return changes;
}
