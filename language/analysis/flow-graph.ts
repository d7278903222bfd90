import {
    isEventRoute,
    isGate,
    isManualQueue,
    isOtherwiseRoute,
    isOutcome,
    isThenRoute,
    isWhenRoute,
    type Route,
    type Step,
    type Workflow,
} from '../generated/ast.js';
import { conditionText } from './conditions.js';
import { reachable } from '../util/graph.js';

/**
 * How an item moves along an edge. `flow` is the normal path, `branch` a conditional one,
 * `outcome` a reviewer's action, `fallback` an AI failure mode, `timeout` what happens when
 * nobody acts in time.
 */
export type EdgeKind = 'flow' | 'branch' | 'outcome' | 'fallback' | 'timeout';

export interface FlowEdge {
    readonly from: Step;
    readonly to: Step;
    readonly kind: EdgeKind;
    /** Short label for path messages: `low-confidence`, `when score < 0.5`, `timeout → approve`. */
    readonly label: string;
    /** The route that declares this edge (the gate's timeout route for derived edges). */
    readonly route: Route;
    /**
     * True when the edge leaves a gate or manual queue without anyone there acting: a timeout
     * that approves or skips, an `on timeout -> Step` route, a route on an event that is no
     * person's action (`unavailable`, `error`, `abnormal-output`, `low-confidence`), with or
     * without a policy (`use P`). Whether the step's reviewers are people at all is not an
     * edge's property: see `isPersonStep` in the oversight facts.
     */
    readonly bypassesHuman: boolean;
}

export interface FlowGraph {
    readonly workflow: Workflow;
    readonly steps: readonly Step[];
    readonly start: Step | undefined;
    readonly outgoing: ReadonlyMap<Step, readonly FlowEdge[]>;
}

const FALLBACK_EVENTS = new Set(['unavailable', 'abnormal-output', 'low-confidence', 'error']);

/** Events on which an item leaves a step without a person there having acted on it. */
export const NO_PERSON_EVENTS: ReadonlySet<string> = new Set(['timeout', ...FALLBACK_EVENTS]);

const graphs = new WeakMap<Workflow, FlowGraph>();

/** The workflow as a graph of steps; built once per parsed workflow. */
export function flowGraphOf(workflow: Workflow): FlowGraph {
    let graph = graphs.get(workflow);
    if (!graph) {
        graph = buildFlowGraph(workflow);
        graphs.set(workflow, graph);
    }
    return graph;
}

function buildFlowGraph(workflow: Workflow): FlowGraph {
    const outgoing = new Map<Step, FlowEdge[]>();
    for (const step of workflow.steps) {
        outgoing.set(step, edgesOf(step));
    }
    return {
        workflow,
        steps: workflow.steps,
        start: workflow.start?.ref ?? workflow.steps[0],
        outgoing,
    };
}

/** A step where people act on the item: a gate or a manual queue. */
function hasPeople(step: Step): boolean {
    return isGate(step) || isManualQueue(step);
}

function edgesOf(step: Step): FlowEdge[] {
    if (isOutcome(step)) return [];
    const edges: FlowEdge[] = [];
    for (const route of step.routes) {
        const to = route.target?.ref;
        if (isThenRoute(route) && to) {
            edges.push({ from: step, to, kind: 'flow', label: 'then', route, bypassesHuman: false });
        } else if (isWhenRoute(route) && to) {
            edges.push({ from: step, to, kind: 'branch', label: `when ${conditionText(route.condition)}`, route, bypassesHuman: false });
        } else if (isOtherwiseRoute(route) && to) {
            edges.push({ from: step, to, kind: 'branch', label: 'otherwise', route, bypassesHuman: false });
        } else if (isEventRoute(route)) {
            if (to) {
                edges.push({ from: step, to, kind: eventKind(route.event), label: route.event, route, bypassesHuman: hasPeople(step) && NO_PERSON_EVENTS.has(route.event) });
            } else if (route.event === 'timeout' && route.action && hasPeople(step)) {
                edges.push(...automaticExits(step, route.action.kind, route, `timeout → ${route.action.kind}`));
            }
        }
    }
    return edges;
}

/**
 * Where a step sends an item that a timeout action (its own, or the last one of an escalation
 * chain it hands the item to) settles without anyone acting. `approve` follows the step's
 * `on approve` routes, or its onward routes (`then`, `when`, `otherwise`) when it has no
 * approve route; `skip` passes the item on as though the step were not there: its onward
 * routes, or its approve routes when it has none; both bypass the people there. `deny`
 * follows the reject routes and fails closed. `escalate` and `pause` keep the item with
 * people: no edge. Every edge goes where one of the step's own routes already goes, so the
 * graph's reachability does not change. Each edge's route is `route`, the one that says so,
 * or where there is none (an `escalate on timeout` rule) the route it follows.
 */
export function automaticExits(step: Step, action: string, route: Route | undefined, label: string): FlowEdge[] {
    if (isOutcome(step)) return [];
    const onEvent = (event: string) => step.routes.filter((r) => isEventRoute(r) && r.event === event);
    const onward = step.routes.filter((r) => isThenRoute(r) || isWhenRoute(r) || isOtherwiseRoute(r));
    let follows: Route[];
    if (action === 'approve') follows = onEvent('approve').length > 0 ? onEvent('approve') : onward;
    else if (action === 'skip') follows = onward.length > 0 ? onward : onEvent('approve');
    else if (action === 'deny') follows = onEvent('reject');
    else return [];
    const edges: FlowEdge[] = [];
    for (const followed of follows) {
        const to = followed.target?.ref;
        if (to) edges.push({ from: step, to, kind: 'timeout', label, route: route ?? followed, bypassesHuman: action !== 'deny' });
    }
    return edges;
}

function eventKind(event: string): EdgeKind {
    if (event === 'timeout') return 'timeout';
    return FALLBACK_EVENTS.has(event) ? 'fallback' : 'outcome';
}

/** Steps reachable from `from`, itself included. */
export function reachableFrom(graph: FlowGraph, from: Step): Set<Step> {
    return reachable(from, (step) => (graph.outgoing.get(step) ?? []).map((edge) => edge.to));
}

/** Strongly connected components (Tarjan), each in declaration order; iterative to stay stack-safe. */
export function stronglyConnectedComponents(graph: FlowGraph): Step[][] {
    const index = new Map<Step, number>();
    const lowLink = new Map<Step, number>();
    const onStack = new Set<Step>();
    const stack: Step[] = [];
    const components: Step[][] = [];
    let counter = 0;
    for (const root of graph.steps) {
        if (index.has(root)) continue;
        const work: Array<{ step: Step; edge: number }> = [{ step: root, edge: 0 }];
        index.set(root, counter);
        lowLink.set(root, counter++);
        stack.push(root);
        onStack.add(root);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            const edges = graph.outgoing.get(frame.step) ?? [];
            if (frame.edge < edges.length) {
                const next = edges[frame.edge++].to;
                if (!index.has(next)) {
                    index.set(next, counter);
                    lowLink.set(next, counter++);
                    stack.push(next);
                    onStack.add(next);
                    work.push({ step: next, edge: 0 });
                } else if (onStack.has(next)) {
                    lowLink.set(frame.step, Math.min(lowLink.get(frame.step)!, index.get(next)!));
                }
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].step;
                lowLink.set(parent, Math.min(lowLink.get(parent)!, lowLink.get(frame.step)!));
            }
            if (lowLink.get(frame.step) === index.get(frame.step)) {
                const component: Step[] = [];
                let member: Step;
                do {
                    member = stack.pop()!;
                    onStack.delete(member);
                    component.push(member);
                } while (member !== frame.step);
                const order = new Map(graph.steps.map((s, i) => [s, i]));
                components.push(component.sort((a, b) => order.get(a)! - order.get(b)!));
            }
        }
    }
    return components;
}

/** How many steps a path shows in a message or in related locations before it is shortened. */
const MAX_PATH_STEPS = 12;

/**
 * The positions of a path's steps that are shown: all of them, or for a long path the first
 * and last few (`undefined` stands for the run left out between them).
 */
export function shownPositions(count: number, max = MAX_PATH_STEPS): Array<number | undefined> {
    const all = Array.from({ length: count }, (_, i) => i);
    if (count <= max) return all;
    const head = Math.ceil((max - 1) / 2);
    const tail = max - 1 - head;
    return [...all.slice(0, head), undefined, ...all.slice(count - tail)];
}

/**
 * `A → B → C`, with each hop's label where it is not plain flow; a long path shows its first
 * and last steps and how many lie between.
 */
export function describePath(edges: readonly FlowEdge[]): string {
    if (edges.length === 0) return '';
    const parts = [edges[0].from.name];
    for (const edge of edges) {
        parts.push(edge.kind === 'flow' ? edge.to.name : `(${edge.label}) ${edge.to.name}`);
    }
    const shown = shownPositions(parts.length);
    const left = parts.length - shown.length + 1;
    return shown.map((position) => (position === undefined ? `… ${left} more steps …` : parts[position])).join(' → ');
}
