import { isAiStep, isEscalation, isEscalationRule, isEventRoute, isGate, isManualQueue, isRole, isTeam, type AiModel, type AiStep, type Escalation, type EscalationRule, type EscalationTarget, type Gate, type ManualQueue, type Party, type Step, type Workflow } from '../generated/ast.js';
import { automaticExits, flowGraphOf, NO_PERSON_EVENTS, type FlowEdge, type FlowGraph, type PathView } from './flow-graph.js';
import { closure } from '../util/graph.js';
import { joinShown, shownPositions } from './caps.js';
import { aiStepsOf, isHumanParty } from './governance.js';
import type { RelatedNode } from '../validation/rule.js';
import { quoted } from '../util/names.js';
import { chainOf, escalationReferencesOf, type Chain, type EscalationReference } from './escalation.js';

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
 * A step where a person acts on the item: a gate not reviewed by AI alone, or a manual queue
 * not owned by AI alone (see {@link isPersonParty}). A gate or queue with no reviewer or owner
 * named counts as one: other rules ask for the name.
 */
export function isPersonStep(step: Step): boolean {
    if (isGate(step)) {
        const reviewers = resolved(step.reviewers);
        return reviewers.length === 0 || reviewers.some(isHumanParty);
    }
    if (isManualQueue(step)) return !step.owner?.ref || isHumanParty(step.owner.ref);
    return false;
}

/** Who stands at a gate or queue that no person staffs, for messages: `AI actor 'X'`, `team 'T', all its members AI actors`. */
export function describeNonPersons(step: Gate | ManualQueue): string {
    const parties = isGate(step) ? resolved(step.reviewers) : step.owner?.ref ? [step.owner.ref] : [];
    return parties.map((party) => (isTeam(party) ? `team ${quoted(party.name)}, all its members AI actors` : `AI actor ${quoted(party.name)}`)).join(' and ');
}

/**
 * An edge on which an item leaves a gate or queue without anyone there acting: a timeout that
 * approves or skips, a route on a timeout or an AI or system failure (with or without a
 * policy), or an escalation chain that gives up by approving or skipping ({@link chainExitMoves}).
 * A timeout that denies follows the reject route: it fails closed and is not a bypass.
 */
export function leavesWithoutHuman(edge: FlowEdge): boolean {
    return edge.bypassesHuman;
}

/** The escalation chain that settles an item with nobody acting, behind a {@link Move}. */
export interface ChainExit {
    /** Where the step hands the item to the chain: `on timeout escalate to C`, `escalate on timeout to C`. */
    readonly reference: EscalationReference;
    readonly chain: Chain;
    /** The escalation whose `on timeout approve|skip` ends the chain. */
    readonly last: Escalation;
    readonly action: 'approve' | 'skip';
}

/** A flow-graph edge, or a move derived from an escalation chain that gives up. */
export interface Move extends FlowEdge {
    readonly chainExit?: ChainExit;
}

/**
 * Where an item goes when a gate or queue hands it to an escalation chain on an event that is
 * no person's action (a timeout, a failure) and the chain's last level times out with
 * `approve` or `skip`: along the step's approve or onward routes, as its own timeout action
 * would (see `automaticExits`), with nobody having acted. The chain may be declared in another
 * file and hand over to escalations in others; the graph is cached with the workflow's own
 * text, so these moves are derived afresh on each call (the rule memoises them per check).
 */
export function chainExitMoves(step: Step): Move[] {
    if (!isGate(step) && !isManualQueue(step)) return [];
    const moves: Move[] = [];
    for (const reference of escalationReferencesOf(step)) {
        if (!isEscalation(reference.target) || !handsOverUnattended(reference)) continue;
        const chain = chainOf(reference.target);
        if (chain.loopsBackTo) continue;
        const last = chain.escalations[chain.escalations.length - 1];
        const action = last.onTimeout?.kind;
        if (action !== 'approve' && action !== 'skip') continue;
        const exit: ChainExit = { reference, chain, last, action };
        const route = isEventRoute(reference.node.$container) ? reference.node.$container : undefined;
        const event = route?.event ?? 'timeout';
        const label = `${event} → ${joinShown(chain.escalations.length, (index) => chain.escalations[index].name, 'escalations')} → ${action}`;
        for (const edge of automaticExits(step, action, route, label)) moves.push({ ...edge, chainExit: exit });
    }
    return moves;
}

/** An escalation the step makes when nobody there has acted: on timeout, or on a failure route. */
function handsOverUnattended(reference: EscalationReference): boolean {
    if (isEscalationRule(reference.node)) return reference.node.triggers.includes('timeout');
    const route = reference.node.$container;
    return isEventRoute(route) && NO_PERSON_EVENTS.has(route.event);
}

/** The model behind an AI step: its own `model`, else its actor's. */
export function modelOf(step: AiStep): AiModel | undefined {
    return step.model?.ref ?? step.actor?.ref?.model?.ref;
}

/**
 * AI steps whose output a gate reviews: the AI steps its `reviews` list names, else (no list,
 * or one naming no AI step, which the gate-bypass rule reports) every AI step upstream of it.
 */
export function aiStepsReviewedBy(gate: Gate): AiStep[] {
    const named = resolved(gate.reviews).filter(isAiStep);
    if (named.length > 0) return [...new Set(named)];
    return aiStepsUpstreamOf(gate);
}

/** AI steps from which a route leads to the step, in declaration order. */
export function aiStepsUpstreamOf(step: Step): AiStep[] {
    const graph = flowGraphOf(step.$container);
    let memo = upstream.get(graph);
    if (!memo) upstream.set(graph, (memo = new Map()));
    let found = memo.get(step);
    if (!found) {
        // One walk back from the step, not a walk forward from every AI step: the forward sets
        // cost AI steps × steps in time and memory on a workflow of many AI steps.
        const index = stepIndex(graph);
        const from = incomingOf(graph);
        found = [...closure([step], (at) => from.get(at) ?? [])]
            .filter((at): at is AiStep => isAiStep(at) && at !== step)
            .sort((a, b) => index.get(a)! - index.get(b)!);
        memo.set(step, found);
    }
    return found;
}

/** Per graph, the AI steps upstream of each step asked about (they depend on the workflow's own routes only). */
const upstream = new WeakMap<FlowGraph, Map<Step, AiStep[]>>();
const incoming = new WeakMap<FlowGraph, Map<Step, Step[]>>();

function incomingOf(graph: FlowGraph): Map<Step, Step[]> {
    let from = incoming.get(graph);
    if (!from) {
        from = new Map();
        for (const [step, edges] of graph.outgoing) {
            for (const edge of edges) {
                const list = from.get(edge.to);
                if (list) list.push(step);
                else from.set(edge.to, [step]);
            }
        }
        incoming.set(graph, from);
    }
    return from;
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
    // A state is a step and whether it carries unchecked AI output: number 2 × step index + mark.
    const index = stepIndex(graph);
    const steps = graph.steps;
    // The edge taken into each state, and the state it was taken from (-1: the start; -2: not reached).
    const edgeInto = new Array<FlowEdge | undefined>(2 * steps.length);
    const previous = new Int32Array(2 * steps.length).fill(-2);
    const start = 2 * (index.get(from) ?? -1);
    if (start < 0) return undefined;
    previous[start] = -1;
    const queue: number[] = [start];
    for (let taken = 0; taken < queue.length; taken++) {
        const state = queue[taken];
        const step = steps[state >> 1];
        const marked = (state & 1) === 1;
        if (step === target && marked) {
            const path: FlowEdge[] = [];
            for (let at = state; previous[at] !== -1; at = previous[at]) path.push(edgeInto[at]!);
            return path.reverse();
        }
        for (const edge of graph.outgoing.get(step) ?? []) {
            if (!mayTake(edge)) continue;
            const to = index.get(edge.to);
            // A step outside the graph (another workflow's) has no way on from here, nor is it the target.
            if (to === undefined) continue;
            const next = 2 * to + ((carriesAiOutput(edge) ? true : clears(edge) ? false : marked) ? 1 : 0);
            if (previous[next] !== -2) continue;
            previous[next] = state;
            edgeInto[next] = edge;
            queue.push(next);
        }
    }
    return undefined;
}

/** Every step on a path, in order, as related information; a long path's first and last steps only. */
export function pathSteps(path: PathView, describe: (step: Step, index: number) => string = (step, index) => `Step ${index + 1} of the path: ${quoted(step.name)}`): RelatedNode[] {
    if (path.length === 0) return [];
    const stepAt = (index: number) => (index === 0 ? path.at(0)!.from : path.at(index - 1)!.to);
    return shownPositions(path.length + 1).flatMap((index) => (index === undefined ? [] : [{ node: stepAt(index), message: describe(stepAt(index), index) }]));
}

/** `Role 'X'`, `Team 'X'` or `AI actor 'X'`. */
export function partyKindLabel(party: Party): string {
    return `${isRole(party) ? 'Role' : isTeam(party) ? 'Team' : 'AI actor'} ${quoted(party.name)}`;
}
