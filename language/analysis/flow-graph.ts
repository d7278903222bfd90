import {
    isEventRoute,
    isGate,
    isOtherwiseRoute,
    isOutcome,
    isThenRoute,
    isWhenRoute,
    type Route,
    type Step,
    type Workflow,
} from '../generated/ast.js';
import { conditionText } from './conditions.js';

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
    /** True when the item moves on without any human acting (a timeout that auto-approves). */
    readonly bypassesHuman: boolean;
}

export interface FlowGraph {
    readonly workflow: Workflow;
    readonly steps: readonly Step[];
    readonly start: Step | undefined;
    readonly outgoing: ReadonlyMap<Step, readonly FlowEdge[]>;
}

const FALLBACK_EVENTS = new Set(['unavailable', 'abnormal-output', 'low-confidence', 'error']);

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
                edges.push({ from: step, to, kind: eventKind(route.event), label: route.event, route, bypassesHuman: false });
            } else if (route.event === 'timeout' && route.action && isGate(step)) {
                edges.push(...timeoutEdges(step, route, route.action.kind));
            }
        }
    }
    return edges;
}

/** A gate's timeout action reuses the gate's own outcome routes: `approve` moves on as if approved. */
function timeoutEdges(gate: Step & { routes: Route[] }, timeoutRoute: Route, action: string): FlowEdge[] {
    const follows = action === 'approve' ? 'approve' : action === 'deny' ? 'reject' : undefined;
    if (!follows) return []; // escalate and pause keep the item with people
    const edges: FlowEdge[] = [];
    for (const route of gate.routes) {
        const to = route.target?.ref;
        if (isEventRoute(route) && route.event === follows && to) {
            edges.push({
                from: gate,
                to,
                kind: 'timeout',
                label: `timeout → ${action}`,
                route: timeoutRoute,
                bypassesHuman: action === 'approve',
            });
        }
    }
    return edges;
}

function eventKind(event: string): EdgeKind {
    if (event === 'timeout') return 'timeout';
    return FALLBACK_EVENTS.has(event) ? 'fallback' : 'outcome';
}

/** Steps reachable from `from`, itself included. */
export function reachableFrom(graph: FlowGraph, from: Step): Set<Step> {
    const seen = new Set<Step>([from]);
    const stack = [from];
    while (stack.length > 0) {
        const step = stack.pop()!;
        for (const edge of graph.outgoing.get(step) ?? []) {
            if (!seen.has(edge.to)) {
                seen.add(edge.to);
                stack.push(edge.to);
            }
        }
    }
    return seen;
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

/** `A → B → C`, with each hop's label where it is not plain flow. */
export function describePath(edges: readonly FlowEdge[]): string {
    if (edges.length === 0) return '';
    const parts = [edges[0].from.name];
    for (const edge of edges) {
        parts.push(edge.kind === 'flow' ? edge.to.name : `(${edge.label}) ${edge.to.name}`);
    }
    return parts.join(' → ');
}
