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
import { closure } from '../util/graph.js';
import { joinShown, MAX_PATH_STEPS, shownPositions } from './caps.js';

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
    return closure([from], (step) => (graph.outgoing.get(step) ?? []).map((edge) => edge.to));
}

const componentsOf = new WeakMap<FlowGraph, ReadonlyArray<readonly Step[]>>();

/**
 * Strongly connected components (Tarjan), each in declaration order; iterative to stay
 * stack-safe. A component comes after every component it leads to (reverse topological order).
 * Computed once per graph: several analyses and rules ask.
 */
export function stronglyConnectedComponents(graph: FlowGraph): ReadonlyArray<readonly Step[]> {
    let components = componentsOf.get(graph);
    if (!components) {
        components = tarjan(graph);
        componentsOf.set(graph, components);
    }
    return components;
}

const componentIndexes = new WeakMap<FlowGraph, Map<Step, number>>();

/**
 * Each step's component's position in {@link stronglyConnectedComponents}: every step a route
 * leads to from a step has a position no larger than that step's, so a larger one is never
 * reached from it.
 */
export function componentIndex(graph: FlowGraph): ReadonlyMap<Step, number> {
    let index = componentIndexes.get(graph);
    if (!index) {
        index = new Map();
        for (const [position, component] of stronglyConnectedComponents(graph).entries()) for (const step of component) index.set(step, position);
        componentIndexes.set(graph, index);
    }
    return index;
}

/** Whether a route leads from `from` to `to` (a step to itself, as {@link reachableFrom} has it); the walk skips components that cannot lead there. */
export function leadsTo(graph: FlowGraph, from: Step, to: Step): boolean {
    if (from === to) return true;
    const component = componentIndex(graph);
    const floor = component.get(to);
    if (floor === undefined || (component.get(from) ?? -1) < floor) return false;
    const seen = new Set<Step>([from]);
    const stack = [from];
    while (stack.length > 0) {
        for (const edge of graph.outgoing.get(stack.pop()!) ?? []) {
            if (edge.to === to) return true;
            if (seen.has(edge.to) || component.get(edge.to)! < floor) continue;
            seen.add(edge.to);
            stack.push(edge.to);
        }
    }
    return false;
}

function tarjan(graph: FlowGraph): Step[][] {
    const index = new Map<Step, number>();
    const lowLink = new Map<Step, number>();
    const onStack = new Set<Step>();
    const stack: Step[] = [];
    const components: Step[][] = [];
    const order = new Map(graph.steps.map((s, i) => [s, i]));
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
                components.push(component.sort((a, b) => order.get(a)! - order.get(b)!));
            }
        }
    }
    return components;
}

/**
 * A path as findings read it: its length and its edges by position. An array is one; a path
 * from a {@link ShortestPaths} tree answers for its first and last edges without being walked.
 */
export interface PathView {
    readonly length: number;
    at(index: number): FlowEdge | undefined;
}

/**
 * `A → B → C`, with each hop's label where it is not plain flow; a long path shows its first
 * and last steps and how many lie between.
 */
export function describePath(path: PathView): string {
    if (path.length === 0) return '';
    return joinShown(path.length + 1, (position) => {
        if (position === 0) return path.at(0)!.from.name;
        const edge = path.at(position - 1)!;
        return edge.kind === 'flow' ? edge.to.name : `(${edge.label}) ${edge.to.name}`;
    });
}

/** The positions of a path's edges that related locations show (see {@link shownPositions}). */
export function shownEdges(path: PathView): FlowEdge[] {
    return shownPositions(path.length).flatMap((position) => (position === undefined ? [] : [path.at(position)!]));
}

/**
 * Shortest paths from one step to every step (breadth first, edges in declaration order: the
 * path {@link findUnblockedPath} finds to each), built once; a path is read without walking it.
 */
export class ShortestPaths {
    private readonly previous = new Map<Step, FlowEdge | null>();
    private readonly depth = new Map<Step, number>();
    /** The ancestor at depth MAX_PATH_STEPS (or the step itself when nearer): where a path's first edges end. */
    private readonly anchor = new Map<Step, Step>();

    constructor(graph: FlowGraph, from: Step) {
        this.previous.set(from, null);
        this.depth.set(from, 0);
        this.anchor.set(from, from);
        const queue: Step[] = [from];
        for (let next = 0; next < queue.length; next++) {
            const step = queue[next];
            const depth = this.depth.get(step)! + 1;
            for (const edge of graph.outgoing.get(step) ?? []) {
                if (this.previous.has(edge.to)) continue;
                this.previous.set(edge.to, edge);
                this.depth.set(edge.to, depth);
                this.anchor.set(edge.to, depth <= MAX_PATH_STEPS ? edge.to : this.anchor.get(step)!);
                queue.push(edge.to);
            }
        }
    }

    /** The path to `step`; undefined when it is not reached (or is the start). */
    pathTo(step: Step): PathView | undefined {
        const length = this.depth.get(step);
        if (!length) return undefined;
        const tail = this.walkBack(step, MAX_PATH_STEPS);
        const anchor = this.anchor.get(step)!;
        const head = this.walkBack(anchor, this.depth.get(anchor)!);
        return {
            length,
            at: (index) => {
                if (index < 0 || index >= length) return undefined;
                if (index < head.length) return head[index];
                if (index >= length - tail.length) return tail[index - (length - tail.length)];
                return this.walkBack(step, length - index)[0];
            },
        };
    }

    /** The last `count` edges of the path to `step`, in order. */
    private walkBack(step: Step, count: number): FlowEdge[] {
        const edges: FlowEdge[] = [];
        for (let edge = this.previous.get(step); edge && edges.length < count; edge = this.previous.get(edge.from)) edges.push(edge);
        return edges.reverse();
    }
}
