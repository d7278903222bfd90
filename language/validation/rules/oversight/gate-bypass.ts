import { isAiStep, isDecision, isEffect, isEventRoute, isGate, isManualQueue, type AiStep, type Effect, type Gate, type ManualQueue, type Step } from '../../../generated/ast.js';
import { describePath, flowGraphOf, type FlowGraph } from '../../../analysis/flow-graph.js';
import { aiStepsOf, decisionsOf, isHighRisk, isProtectedDecision } from '../../../analysis/governance.js';
import { defineRule, type RelatedNode } from '../../rule.js';
import type { AstNode } from 'langium';
import { aiStepsReviewedBy, aiStepsUpstreamOf, chainExitMoves, describeNonPersons, isPersonStep, leavesWithoutHuman, pathSteps, resolved, stepIndex, type Move } from '../../../analysis/oversight.js';
import { joinList, quoted } from '../../../util/names.js';

/**
 * G01 as a graph property: from every AI step, every path reaches a protected decision or
 * effect only through a step where a person acts on that step's output. A path lets the output
 * through unchecked where it leaves a gate or queue with nobody acting (a timeout that approves
 * or skips, a timeout or failure route, with or without a policy, an escalation chain whose last
 * level approves or skips on timeout), where the gate or queue is staffed by AI alone, or where
 * the gate reviews other AI steps' output only (`reviews A` does not protect B's output).
 * Escalation chains and teams in other files are read through the workflow's own references
 * (the chain a gate escalates to, the hand-overs it names), so the builder already re-checks
 * the workflow when any of them changes: no `crossFile` reads are needed.
 */
export const aiOutputMustPassAHuman = defineRule({
    code: 'oversight/gate-bypass',
    title: 'No path from an AI step to a protected decision or side effect bypasses a human step',
    severity: 'error',
    requirements: ['G01'],
    checks: {
        Workflow: (workflow, report) => {
            if (!decisionsOf(workflow).some(isProtectedDecision)) return;
            const graph = flowGraphOf(workflow);
            const facts = checkFacts(graph);
            for (const aiStep of aiStepsOf(workflow)) {
                for (const path of bypassesFrom(graph, facts, aiStep)) {
                    const first = path.targets[0];
                    const toFirst = path.edges.slice(0, path.edges.findIndex((edge) => edge.to === first) + 1);
                    const holes = holesOn(toFirst, aiStep, facts);
                    const shown = holes.slice(0, MAX_HOLES).map((hole) => hole.fix);
                    if (holes.length > MAX_HOLES) shown.push(`and ${holes.length - MAX_HOLES} more steps on the path let it through`);
                    const fix = shown.length > 0 ? shown.join('; ') : `route it through a gate or manual queue before ${quoted(first.name)}`;
                    const how = holes.some((hole) => hole.kind === 'reviews-other') ? 'with its output unreviewed' : 'with no person acting';
                    const also = path.alsoReached.length > 0 ? `; from ${quoted(first.name)} it also reaches ${path.alsoReached.map(targetLabel).join(' and ')}` : '';
                    const where = holes[0];
                    report({
                        node: where?.node ?? path.edges[0].route,
                        property: where?.property,
                        index: where?.index,
                        message: `AI step ${quoted(aiStep.name)} reaches ${path.targets.map(targetLabel).join(' and ')} ${how}: ${describePath(path.edges)}${also}; ${fix}.`,
                        related: [...pathSteps(path.edges), ...holes.flatMap((hole) => hole.related ?? []).slice(0, MAX_HOLES)],
                    });
                }
            }
        },
        Gate: (gate, report) => {
            gate.reviews.forEach((reference, index) => {
                const target = reference.ref;
                if (!target) return; // reference/unresolved says so
                if (!isAiStep(target)) {
                    report({
                        node: gate,
                        property: 'reviews',
                        index,
                        message: `Gate ${quoted(gate.name)} reviews ${quoted(target.name)}, which is ${kindOf(target)}, not an AI step, so it protects no AI output; name the AI steps whose output the reviewer checks${suggestUpstream(gate)}.`,
                        related: [{ node: target, message: `${quoted(target.name)} is ${kindOf(target)}` }],
                    });
                } else if (!aiStepsUpstreamOf(gate).includes(target)) {
                    report({
                        node: gate,
                        property: 'reviews',
                        index,
                        message: `Gate ${quoted(gate.name)} reviews AI step ${quoted(target.name)}, but no route leads from ${quoted(target.name)} to the gate, so that output never comes before it; name the AI steps upstream of the gate${suggestUpstream(gate)}.`,
                        related: [{ node: target, message: `AI step ${quoted(target.name)} does not lead to gate ${quoted(gate.name)}` }],
                    });
                }
            });
        },
    },
});

/** How many of the places that let an output through a message names, and adds as related locations. */
const MAX_HOLES = 3;

/** The facts one check asks of each step many times, derived once per check (they read other files, so they are not cached across checks). */
interface CheckFacts {
    readonly moves: (step: Step) => readonly Move[];
    readonly isPerson: (step: Step) => boolean;
    readonly reviewed: (gate: Gate) => ReadonlySet<AiStep>;
}

function checkFacts(graph: FlowGraph): CheckFacts {
    const moves = new Map<Step, readonly Move[]>();
    const persons = new Map<Step, boolean>();
    const reviewed = new Map<Gate, ReadonlySet<AiStep>>();
    return {
        moves: (step) => remember(moves, step, () => [...(graph.outgoing.get(step) ?? []), ...chainExitMoves(step)]),
        isPerson: (step) => remember(persons, step, () => isPersonStep(step)),
        reviewed: (gate) => remember(reviewed, gate, () => new Set(aiStepsReviewedBy(gate))),
    };
}

function remember<K, V>(map: Map<K, V>, key: K, compute: () => V): V {
    let value = map.get(key);
    if (value === undefined) {
        value = compute();
        map.set(key, value);
    }
    return value;
}

/** True when a person acts at the step on the output of `aiStep`: a queue's owner, or a gate that reviews it. */
function checksOutput(step: Step, aiStep: AiStep, facts: CheckFacts): boolean {
    if (!facts.isPerson(step)) return false;
    if (isManualQueue(step)) return true;
    return isGate(step) && facts.reviewed(step).has(aiStep);
}

interface Bypass {
    readonly edges: readonly Move[];
    /** The protected steps the path reaches, in path order. */
    readonly targets: readonly Step[];
    /** Further targets reached past the path's first target along other routes. */
    readonly alsoReached: readonly Step[];
}

/** Whether the latest decision on the path so far was unprotected (it then governs the effects after it). */
type Governance = 'open' | 'governed';

/** An effect that acts on the world or on people outside the organisation. */
function isProtectedEffectKind(effect: Effect): boolean {
    return effect.kind === 'execute' || effect.kind === 'publish' || effect.kind === 'commit' || (effect.kind === 'notify' && effect.external);
}

/**
 * Shortest bypassing paths from an AI step to each protected target, breadth first over
 * (step, governance) so that an effect that only follows a low-stakes decision (an automatic
 * small refund, say) is not a target on that path. The search stands for the AI step's
 * output: it stops at a step where a person checks that output, except along the moves that
 * leave such a step with nobody acting. A path that only leads on to a further target is
 * folded into that longer path, which names both; paths that share their first target are
 * reported once, naming the shortest and listing the other targets.
 */
function bypassesFrom(graph: FlowGraph, facts: CheckFacts, from: AiStep): Bypass[] {
    // A state is a step and whether the path is governed: number 2 × step index + (1 when governed).
    const index = stepIndex(graph);
    const steps = graph.steps;
    const stateOf = (step: Step, governance: Governance) => 2 * index.get(step)! + (governance === 'governed' ? 1 : 0);
    // The move into each state, and the state it was made from (-1: the start; -2: not reached).
    const moveInto = new Array<Move | undefined>(2 * steps.length);
    const previous = new Int32Array(2 * steps.length).fill(-2);
    const start = stateOf(from, 'open');
    previous[start] = -1;
    const queue: number[] = [start];
    const found = new Map<Step, Move[]>();
    for (let head = 0; head < queue.length; head++) {
        const state = queue[head];
        const step = steps[state >> 1];
        const governance: Governance = (state & 1) === 1 ? 'governed' : 'open';
        const checkedHere = step !== from && checksOutput(step, from, facts);
        for (const edge of facts.moves(step)) {
            if (checkedHere && !leavesWithoutHuman(edge)) continue;
            const next = stateOf(edge.to, isDecision(edge.to) ? (isProtectedDecision(edge.to) ? 'open' : 'governed') : governance);
            if (previous[next] !== -2) continue;
            previous[next] = state;
            moveInto[next] = edge;
            queue.push(next);
            if (!found.has(edge.to) && isTarget(edge.to, (next & 1) === 1 ? 'governed' : 'open')) found.set(edge.to, movesTo(previous, moveInto, next));
        }
    }
    const paths = [...found.values()];
    const isPrefixOfAnother = (path: Move[]) => paths.some((other) => other.length > path.length && path.every((edge, i) => other[i] === edge));
    const targetsOn = (edges: Move[]) => edges.map((edge) => edge.to).filter((step) => found.get(step)?.every((edge, i) => edges[i] === edge));
    // One finding per first target: the paths that only fan out after it share its fix.
    const byFirstTarget = new Map<Step, Array<{ edges: Move[]; targets: Step[] }>>();
    for (const edges of paths.filter((path) => !isPrefixOfAnother(path))) {
        const targets = targetsOn(edges);
        byFirstTarget.set(targets[0], [...(byFirstTarget.get(targets[0]) ?? []), { edges, targets }]);
    }
    return [...byFirstTarget.values()].map((group) => {
        const chosen = group.reduce((best, next) => (next.edges.length < best.edges.length ? next : best));
        const alsoReached = [...new Set(group.flatMap((other) => other.targets))].filter((step) => !chosen.targets.includes(step));
        return { edges: chosen.edges, targets: chosen.targets, alsoReached };
    });
}

function isTarget(step: Step, governance: Governance): boolean {
    if (isDecision(step)) return isProtectedDecision(step);
    return isEffect(step) && governance === 'open' && isProtectedEffectKind(step);
}

function movesTo(previous: Int32Array, moveInto: ReadonlyArray<Move | undefined>, state: number): Move[] {
    const moves: Move[] = [];
    for (let at = state; previous[at] !== -1; at = previous[at]) moves.push(moveInto[at]!);
    return moves.reverse();
}

/** A place on a path where a gate or queue lets the AI output through unchecked, with its fix. */
interface Hole {
    readonly kind: 'no-person' | 'reviews-other' | 'unattended';
    readonly node: AstNode;
    readonly property?: string;
    readonly index?: number;
    readonly fix: string;
    readonly related?: readonly RelatedNode[];
}

/** Each gate or queue the path leaves without a person checking the AI step's output there, in path order. */
function holesOn(edges: readonly Move[], aiStep: AiStep, facts: CheckFacts): Hole[] {
    const holes: Hole[] = [];
    const seen = new Set<Step>();
    for (const edge of edges) {
        const step = edge.from;
        if (step === aiStep || seen.has(step) || !(isGate(step) || isManualQueue(step))) continue;
        seen.add(step);
        if (!facts.isPerson(step)) holes.push(noPersonHole(step));
        else if (isGate(step) && !facts.reviewed(step).has(aiStep)) holes.push(reviewsOtherHole(step, aiStep, facts));
        else if (leavesWithoutHuman(edge)) holes.push(unattendedHole(edge));
    }
    return holes;
}

function noPersonHole(step: Gate | ManualQueue): Hole {
    if (isGate(step)) {
        return {
            kind: 'no-person',
            node: step,
            property: 'reviewers',
            index: 0,
            fix: `give gate ${quoted(step.name)} a reviewer who is a person (its reviewers are AI only: ${describeNonPersons(step)})`,
        };
    }
    return {
        kind: 'no-person',
        node: step,
        property: 'owner',
        fix: `give queue ${quoted(step.name)} an owner who is a person (its owner is AI only: ${describeNonPersons(step)})`,
    };
}

function reviewsOtherHole(gate: Gate, aiStep: AiStep, facts: CheckFacts): Hole {
    const others = [...facts.reviewed(gate)].map((step) => quoted(step.name));
    const list = [...resolved(gate.reviews).map((step) => step.name), aiStep.name].join(', ');
    return {
        kind: 'reviews-other',
        node: gate,
        property: 'reviews',
        index: 0,
        fix: `gate ${quoted(gate.name)} reviews only the output of ${joinList(others)}, so the output of ${quoted(aiStep.name)} passes it unreviewed (name it there, 'reviews ${list}', or route it through a gate that reviews it)`,
    };
}

function unattendedHole(edge: Move): Hole {
    const step = edge.from;
    const noun = isGate(step) ? 'gate' : 'queue';
    const exit = edge.chainExit;
    if (exit) {
        const { reference, chain, last, action } = exit;
        const event = isEventRoute(edge.route) && edge.route.action ? edge.route.event : 'timeout';
        const handedOver = chain.escalations.length > 1 ? `, which hands over to ${chain.escalations.slice(1).map((e) => quoted(e.name)).join(' then ')}` : '';
        return {
            kind: 'unattended',
            node: reference.node,
            fix: `${noun} ${quoted(step.name)} escalates on ${event} to ${quoted(chain.escalations[0].name)}${handedOver}, and escalation ${quoted(last.name)} ends with 'on timeout ${action}': when nobody at any level acts, the item goes on to ${quoted(edge.to.name)} unreviewed; make ${quoted(last.name)} fail closed ('on timeout deny' or 'on timeout pause')`,
            related: last.onTimeout ? [{ node: last.onTimeout, message: `escalation ${quoted(last.name)} ends with 'on timeout ${action}'` }] : [],
        };
    }
    const route = edge.route;
    if (isEventRoute(route) && route.action) {
        const action = route.action.kind;
        return {
            kind: 'unattended',
            node: route,
            fix: `make ${noun} ${quoted(step.name)} fail closed ('on timeout escalate to <Escalation>' or 'on timeout deny' instead of 'on timeout ${action}')`,
        };
    }
    const event = isEventRoute(route) ? route.event : 'timeout';
    const policy = isEventRoute(route) && route.policy ? ` by policy ${quoted(route.policy.$refText)}` : '';
    return {
        kind: 'unattended',
        node: route,
        fix: `${noun} ${quoted(step.name)} sends the item on ${event} to ${quoted(edge.to.name)}${policy} with nobody there acting; have it escalate instead ('on ${event} escalate to <Escalation>')`,
    };
}

function targetLabel(step: Step): string {
    if (isDecision(step)) {
        const why = [isHighRisk(step.risk) ? `risk ${step.risk}` : undefined, step.affectsUserRights ? 'affects user rights' : undefined].filter(Boolean);
        return `decision ${quoted(step.name)} (${why.join(', ')})`;
    }
    if (isEffect(step)) return `effect ${quoted(step.name)} (${step.external ? 'external ' : ''}${step.kind})`;
    return `${quoted(step.name)}`;
}

function kindOf(step: Step): string {
    if (isGate(step)) return 'a gate';
    if (isManualQueue(step)) return 'a manual queue';
    if (isDecision(step)) return 'a decision';
    if (isEffect(step)) return 'an effect';
    return step.$type === 'AutomatedStep' ? 'an automated step' : 'an outcome';
}

function suggestUpstream(gate: Gate): string {
    const upstream = aiStepsUpstreamOf(gate);
    return upstream.length > 0 ? ` (upstream of it: ${joinList(upstream.map((step) => quoted(step.name)))})` : '';
}
