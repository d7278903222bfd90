import {
    isAiActor,
    isAiStep,
    isEscalation,
    isEventRoute,
    isGate,
    isManualQueue,
    isRole,
    isTeam,
    type AiModel,
    type AiStep,
    type EscalationRule,
    type EscalationTarget,
    type Gate,
    type Party,
    type Step,
    type Workflow,
} from '../../../generated/ast.js';
import { flowGraphOf, reachableFrom, type FlowEdge, type FlowGraph } from '../../../analysis/flow-graph.js';
import { aiStepsOf } from '../../../analysis/governance.js';
import type { RelatedNode } from '../../rule.js';
import { quoted } from '../../../util/names.js';

/**
 * Facts the oversight and RACI rules share: who a party stands for, which steps a person
 * really acts on, which AI output a gate reviews, who has a seat on a human step, and the
 * shortest path on which AI output reaches a step unchecked.
 */

export function hasAiStep(workflow: Workflow): boolean {
    return aiStepsOf(workflow).length > 0;
}


/** The parties of a list of references, resolved. */
export function resolved<T>(references: ReadonlyArray<{ ref?: T }>): T[] {
    return references.flatMap((reference) => (reference.ref ? [reference.ref] : []));
}

/**
 * A step where a person acts on the item: a gate not reviewed by AI actors only, or a manual
 * queue not owned by an AI actor. A gate whose reviewers are all AI actors is no human gate.
 */
export function isPersonStep(step: Step): boolean {
    if (isGate(step)) {
        const reviewers = resolved(step.reviewers);
        return reviewers.length === 0 || reviewers.some((reviewer) => !isAiActor(reviewer));
    }
    if (isManualQueue(step)) return !isAiActor(step.owner?.ref);
    return false;
}

/**
 * An edge that moves an item on from a human step without anyone acting: a gate timeout that
 * auto-approves, or an explicit `on timeout -> Step` route (a queue left unattended, say).
 * A timeout that denies follows the reject route: it fails closed and is not a bypass.
 */
export function leavesWithoutHuman(edge: FlowEdge): boolean {
    return edge.bypassesHuman || (edge.kind === 'timeout' && isEventRoute(edge.route) && edge.route.target !== undefined);
}

/** The model behind an AI step: its own `model`, else its actor's. */
export function modelOf(step: AiStep): AiModel | undefined {
    return step.model?.ref ?? step.actor?.ref?.model?.ref;
}

/** AI steps whose output a gate reviews: the step it `reviews`, else every AI step upstream of it. */
export function aiStepsReviewedBy(gate: Gate): AiStep[] {
    const reviewed = gate.reviews?.ref;
    if (isAiStep(reviewed)) return [reviewed];
    return [...downstreamOfAiSteps(gate.$container)].filter(([, reachable]) => reachable.has(gate)).map(([step]) => step);
}

const downstream = new WeakMap<Workflow, Map<AiStep, Set<Step>>>();

/** For each AI step, the steps reachable from it; computed once per parsed workflow. */
function downstreamOfAiSteps(workflow: Workflow): Map<AiStep, Set<Step>> {
    let result = downstream.get(workflow);
    if (!result) {
        const graph = flowGraphOf(workflow);
        result = new Map(aiStepsOf(workflow).map((step) => [step, reachableFrom(graph, step)]));
        downstream.set(workflow, result);
    }
    return result;
}

const indexes = new WeakMap<FlowGraph, Map<Step, number>>();

/** Each step's position in the graph, for compact search-state keys. */
export function stepIndex(graph: FlowGraph): Map<Step, number> {
    let index = indexes.get(graph);
    if (!index) {
        index = new Map(graph.steps.map((step, i) => [step, i]));
        indexes.set(graph, index);
    }
    return index;
}

/** Who an escalation rule hands an item to first: the role or team itself, or a chain's first level. */
export function firstEscalationParty(target: EscalationTarget | undefined): Party | undefined {
    if (isRole(target) || isTeam(target)) return target;
    if (isEscalation(target)) return target.levels[0]?.target?.ref;
    return undefined;
}

/**
 * The people with a seat on a human step: a gate's reviewers or a queue's owner, and the first
 * party each of its `escalate on …` rules hands the item to (timeout-only escalation aside:
 * it reaches them only when nobody acted).
 */
export function seatsOn(step: Step): Party[] {
    const seats: Party[] = [];
    if (isGate(step)) seats.push(...resolved(step.reviewers));
    if (isManualQueue(step) && step.owner?.ref) seats.push(step.owner.ref);
    if (isGate(step) || isManualQueue(step)) {
        for (const rule of step.escalations as EscalationRule[]) {
            const party = firstEscalationParty(rule.target?.ref);
            if (party) seats.push(party);
        }
    }
    return seats;
}

/** AI failure routes on which the step produced no usable output (the item moves on without it). */
const NO_OUTPUT_EVENTS: ReadonlySet<string> = new Set(['unavailable', 'abnormal-output', 'error']);

/** True when leaving an AI step along this edge carries its output on with the item. */
export function carriesAiOutput(edge: FlowEdge): boolean {
    return isAiStep(edge.from) && !(edge.kind === 'fallback' && NO_OUTPUT_EVENTS.has(edge.label));
}

/**
 * The shortest path from `from` to `target` on which the item arrives carrying AI output that
 * no check has cleared: an AI step's output (not a failure route without output) marks the
 * item, leaving a step along an edge for which `clears` holds unmarks it. Paths on which no
 * AI output reaches the target (the AI was down, an opt-out branch) are not returned: the
 * oversight of AI output (Art 14(4)(d), 14(5)) has nothing to act on there. Edges `mayTake`
 * refuses are never followed.
 */
export function shortestUnclearedPath(
    graph: FlowGraph,
    from: Step,
    target: Step,
    clears: (edge: FlowEdge) => boolean,
    mayTake: (edge: FlowEdge) => boolean = () => true,
): FlowEdge[] | undefined {
    type State = { step: Step; marked: boolean };
    const index = stepIndex(graph);
    const key = (state: State) => `${index.get(state.step)}:${state.marked}`;
    const start: State = { step: from, marked: false };
    const previous = new Map<string, { edge: FlowEdge; key: string } | null>([[key(start), null]]);
    const queue: State[] = [start];
    while (queue.length > 0) {
        const state = queue.shift()!;
        const here = key(state);
        if (state.step === target && state.marked) {
            const path: FlowEdge[] = [];
            for (let link = previous.get(here); link; link = previous.get(link.key)) path.unshift(link.edge);
            return path;
        }
        for (const edge of graph.outgoing.get(state.step) ?? []) {
            if (!mayTake(edge)) continue;
            const marked = carriesAiOutput(edge) ? true : clears(edge) ? false : state.marked;
            const next: State = { step: edge.to, marked };
            const nextKey = key(next);
            if (previous.has(nextKey)) continue;
            previous.set(nextKey, { edge, key: here });
            queue.push(next);
        }
    }
    return undefined;
}

/** Every step on a path, in order, as related information. */
export function pathSteps(path: readonly FlowEdge[], describe: (step: Step, index: number) => string = (step, index) => `Step ${index + 1} of the path: ${quoted(step.name)}`): RelatedNode[] {
    if (path.length === 0) return [];
    const steps = [path[0].from, ...path.map((edge) => edge.to)];
    return steps.map((step, index) => ({ node: step, message: describe(step, index) }));
}

/** `Role 'X'`, `Team 'X'` or `AI actor 'X'`. */
export function partyLabel(party: Party): string {
    return `${isRole(party) ? 'Role' : isTeam(party) ? 'Team' : 'AI actor'} ${quoted(party.name)}`;
}
