import type { Duration, Escalation, EscalationRef, Fallback, Gate, HitlModel, ManualQueue, Route, Step, Workflow } from './schema.js';
import { lookup } from './lookup.js';
import { FAILURE_MODES } from './vocabulary.js';
import { closure } from '../util/graph.js';

/**
 * The flow of a workflow, read from the model: one definition of "the routes of a step" for
 * every consumer (the simulator, the graph view, the governance diff). It is the same graph
 * the checker's rules walk (language/analysis/flow-graph.ts; a test holds the two equal on
 * every sample).
 */

/**
 * How an item moves along an edge. `flow` is the normal path, `branch` a conditional one,
 * `outcome` a reviewer's action, `fallback` an AI failure mode, `timeout` what happens when
 * nobody acts in time.
 */
export type EdgeKind = 'flow' | 'branch' | 'outcome' | 'fallback' | 'timeout';

export interface Edge {
    readonly from: string;
    readonly to: string;
    readonly kind: EdgeKind;
    /** Short label: `then`, `when score < 0.5`, `otherwise`, `low-confidence`, `timeout → approve`. */
    readonly label: string;
    /** The index in `from`'s routes of the route that declares the edge (for a timeout action, the timeout route). */
    readonly route: number;
    /** True when the item leaves a gate or queue without anyone there acting (a timeout that approves or skips, a failure route). */
    readonly bypassesHuman: boolean;
}

export interface FlowGraph {
    readonly workflow: Workflow;
    readonly start: string | undefined;
    /** Step ids in the order written. */
    readonly steps: readonly string[];
    readonly outgoing: ReadonlyMap<string, readonly Edge[]>;
}

const FAILURES: ReadonlySet<string> = new Set(FAILURE_MODES);

/** Events on which an item leaves a step without a person there having acted on it. */
export const NO_PERSON_EVENTS: ReadonlySet<string> = new Set(['timeout', ...FAILURE_MODES]);

export function stepOf(workflow: Workflow, id: string): Step | undefined {
    return workflow.steps.find((step) => step.id === id);
}

/** A step where people act on the item: a gate or a manual queue. */
export function hasPeople(step: Step): boolean {
    return step.kind === 'gate' || step.kind === 'queue';
}

function routesOfStep(step: Step): readonly Route[] {
    return step.kind === 'outcome' ? [] : step.routes;
}

/** The edges out of a step, in the order its routes are written. */
export function edgesOf(step: Step): Edge[] {
    const routes = routesOfStep(step);
    const edges: Edge[] = [];
    routes.forEach((route, index) => {
        const base = { from: step.id, route: index };
        if (route.kind === 'then' && route.target) edges.push({ ...base, to: route.target, kind: 'flow', label: 'then', bypassesHuman: false });
        else if (route.kind === 'when' && route.target) edges.push({ ...base, to: route.target, kind: 'branch', label: `when ${route.text}`, bypassesHuman: false });
        else if (route.kind === 'otherwise' && route.target) edges.push({ ...base, to: route.target, kind: 'branch', label: 'otherwise', bypassesHuman: false });
        else if (route.kind === 'on') {
            if (route.target) {
                const kind: EdgeKind = route.event === 'timeout' ? 'timeout' : FAILURES.has(route.event) ? 'fallback' : 'outcome';
                edges.push({ ...base, to: route.target, kind, label: route.event, bypassesHuman: hasPeople(step) && NO_PERSON_EVENTS.has(route.event) });
            } else if (route.event === 'timeout' && route.action && hasPeople(step)) {
                edges.push(...automaticExits(step, route.action.kind, index, `timeout → ${route.action.kind}`));
            }
        }
    });
    return edges;
}

/**
 * Where a step sends an item that a timeout action settles without anyone acting. `approve`
 * follows the step's `on approve` routes, or its onward routes (`then`, `when`, `otherwise`)
 * when it has none; `skip` its onward routes, or its approve routes when it has none; both
 * bypass the people there. `deny` follows the reject routes and fails closed. `escalate` and
 * `pause` keep the item with people: no edge. `route` is the index of the route that says so
 * (undefined: each edge names the route it follows).
 */
export function automaticExits(step: Step, action: string, route: number | undefined, label: string): Edge[] {
    const routes = routesOfStep(step);
    const indexed = routes.map((r, index) => ({ r, index }));
    const onEvent = (event: string) => indexed.filter(({ r }) => r.kind === 'on' && r.event === event);
    const onward = indexed.filter(({ r }) => r.kind === 'then' || r.kind === 'when' || r.kind === 'otherwise');
    let follows: typeof indexed;
    if (action === 'approve') follows = onEvent('approve').length > 0 ? onEvent('approve') : onward;
    else if (action === 'skip') follows = onward.length > 0 ? onward : onEvent('approve');
    else if (action === 'deny') follows = onEvent('reject');
    else return [];
    const edges: Edge[] = [];
    for (const { r, index } of follows) {
        if (r.target) edges.push({ from: step.id, to: r.target, kind: 'timeout', label, route: route ?? index, bypassesHuman: action !== 'deny' });
    }
    return edges;
}

const graphs = new WeakMap<Workflow, FlowGraph>();

/** The workflow as a graph of step ids; built once per model workflow. */
export function flowGraphOf(workflow: Workflow): FlowGraph {
    let graph = graphs.get(workflow);
    if (!graph) {
        const outgoing = new Map<string, Edge[]>();
        for (const step of workflow.steps) if (!outgoing.has(step.id)) outgoing.set(step.id, edgesOf(step));
        graph = { workflow, start: workflow.start, steps: workflow.steps.map((step) => step.id), outgoing };
        graphs.set(workflow, graph);
    }
    return graph;
}

/** Step ids reachable from `from`, itself included. */
export function reachableFrom(workflow: Workflow, from: string): Set<string> {
    const graph = flowGraphOf(workflow);
    return closure([from], (step) => (graph.outgoing.get(step) ?? []).map((edge) => edge.to));
}

/** Steps no route from the start reaches, in the order written. */
export function unreachableSteps(workflow: Workflow): string[] {
    if (!workflow.start) return [];
    const reached = reachableFrom(workflow, workflow.start);
    return workflow.steps.map((step) => step.id).filter((id) => !reached.has(id));
}

/**
 * The shortest path (fewest edges) from `from` to a step satisfying `isTarget`, not passing
 * through a step for which `blocks` holds (such a step may be the end). Undefined when none.
 */
export function shortestPath(workflow: Workflow, from: string, isTarget: (step: Step) => boolean, blocks: (step: Step) => boolean = () => false): Edge[] | undefined {
    const graph = flowGraphOf(workflow);
    const byId = new Map(workflow.steps.map((step) => [step.id, step]));
    const previous = new Map<string, Edge | null>([[from, null]]);
    const queue = [from];
    for (let head = 0; head < queue.length; head++) {
        const id = queue[head];
        const step = byId.get(id);
        if (id !== from && step && isTarget(step)) {
            const path: Edge[] = [];
            for (let edge = previous.get(id); edge; edge = previous.get(edge.from)) path.unshift(edge);
            return path;
        }
        if (id !== from && step && blocks(step)) continue;
        for (const edge of graph.outgoing.get(id) ?? []) {
            if (!previous.has(edge.to)) {
                previous.set(edge.to, edge);
                queue.push(edge.to);
            }
        }
    }
    return undefined;
}

export interface PathsOptions {
    /** At most this many paths are returned (default 1,000): the number of paths can grow exponentially. */
    readonly limit?: number;
}

/**
 * Every simple path (no step twice) from `from` to `to`, depth first in route order, so the
 * first path follows each step's first route. Parallel edges give separate paths.
 */
export function pathsBetween(workflow: Workflow, from: string, to: string, options: PathsOptions = {}): Edge[][] {
    const graph = flowGraphOf(workflow);
    const limit = options.limit ?? 1000;
    const paths: Edge[][] = [];
    const onPath = new Set<string>([from]);
    const path: Edge[] = [];
    const visit = (id: string): void => {
        for (const edge of graph.outgoing.get(id) ?? []) {
            if (paths.length >= limit) return;
            if (edge.to === to) {
                paths.push([...path, edge]);
                continue;
            }
            if (onPath.has(edge.to)) continue;
            onPath.add(edge.to);
            path.push(edge);
            visit(edge.to);
            path.pop();
            onPath.delete(edge.to);
        }
    };
    if (from !== to) visit(from);
    return paths;
}

/** Every simple path from the workflow's start to the decision `decision` (see {@link pathsBetween}). */
export function pathsToDecision(workflow: Workflow, decision: string, options: PathsOptions = {}): Edge[][] {
    const step = stepOf(workflow, decision);
    if (!workflow.start || step?.kind !== 'decision') return [];
    return pathsBetween(workflow, workflow.start, decision, options);
}

/** Decisions an item can reach from a step, in the order written. */
export function decisionsReachableFrom(workflow: Workflow, from: string): string[] {
    const reached = reachableFrom(workflow, from);
    return workflow.steps.filter((step) => step.kind === 'decision' && step.id !== from && reached.has(step.id)).map((step) => step.id);
}

/** When a gate's or queue's timer fires: a gate's `sla`; a queue's `timeout`, else its `sla`. */
export function deadlineOf(step: Gate | ManualQueue): Duration | undefined {
    return step.kind === 'gate' ? step.sla : (step.timeout ?? step.sla);
}

/** The party whose people take the items of a gate (its first reviewer) or a queue (its owner). */
export function takerOf(step: Gate | ManualQueue): string | undefined {
    return step.kind === 'gate' ? step.reviewers[0] : step.owner;
}

/** True when the step has a route on (`then`, `when` or `otherwise`) that leads somewhere. */
export function hasOnward(step: Step): boolean {
    return routesOfStep(step).some((route) => (route.kind === 'then' || route.kind === 'when' || route.kind === 'otherwise') && route.target);
}

/** An AI step's fallback for a failure mode, if it declares one. */
export function fallbackFor(step: Step, mode: string): Fallback | undefined {
    return step.kind === 'ai-step' ? step.fallbacks.find((fallback) => fallback.mode === mode) : undefined;
}

/** `A → (when x) B → C`: a path for messages. */
export function describePath(edges: readonly Edge[]): string {
    if (edges.length === 0) return '';
    return [edges[0].from, ...edges.map((edge) => (edge.kind === 'flow' ? edge.to : `(${edge.label}) ${edge.to}`))].join(' → ');
}

/** The escalation a reference names, looked up where its scope says. */
export function escalationOf(model: HitlModel, workflow: Workflow | undefined, ref: EscalationRef): Escalation | undefined {
    if (ref.scope === 'shared') return lookup(model).escalations.get(ref.id);
    return workflow?.escalations.find((escalation) => escalation.id === ref.id);
}
