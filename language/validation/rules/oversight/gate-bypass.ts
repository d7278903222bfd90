import { isAiStep, isDecision, isEffect, isEventRoute, isGate, isManualQueue, type AiStep, type Effect, type Gate, type ManualQueue, type Step, type Workflow } from '../../../generated/ast.js';
import { componentIndex, describePath, flowGraphOf, leadsTo, type FlowGraph, type PathView } from '../../../analysis/flow-graph.js';
import { joinCapped, MAX_PATH_STEPS, shownItems } from '../../../analysis/caps.js';
import { aiStepsOf, decisionsOf, isHighRisk, isProtectedDecision } from '../../../analysis/governance.js';
import { defineRule, type RelatedNode } from '../../rule.js';
import type { AstNode } from 'langium';
import { aiStepsUpstreamOf, chainExitMoves, describeNonPersons, isPersonStep, leavesWithoutHuman, pathSteps, resolved, stepIndex, type Move } from '../../../analysis/oversight.js';
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
            const bypasses = bypassesOfEach(graph, facts, aiStepsOf(workflow));
            for (const aiStep of aiStepsOf(workflow)) {
                for (const path of bypasses.get(aiStep)!) {
                    const first = path.targets[0];
                    const holes = path.holes.first.map((site) => holeAt(site, aiStep, facts));
                    const shown = holes.map((hole) => hole.fix);
                    if (path.holes.count > MAX_HOLES) shown.push(`and ${path.holes.count - MAX_HOLES} more steps on the path let it through`);
                    const fix = shown.length > 0 ? shown.join('; ') : `route it through a gate or manual queue before ${quoted(first.name)}`;
                    const how = path.holes.reviewsOther ? 'with its output unreviewed' : 'with no person acting';
                    const also = path.alsoReached.length > 0 ? `; from ${quoted(first.name)} it also reaches ${joinCapped(path.alsoReached.map(targetLabel), ' and ')}` : '';
                    const where = holes[0];
                    report({
                        node: where?.node ?? path.edges.at(0)!.route,
                        property: where?.property,
                        index: where?.index,
                        message: `AI step ${quoted(aiStep.name)} reaches ${joinCapped(path.targets.map(targetLabel), ' and ')} ${how}: ${describePath(path.edges)}${also}; ${fix}.`,
                        related: [...pathSteps(path.edges), ...path.holes.related.flatMap((site) => holeAt(site, aiStep, facts).related ?? [])],
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
                } else if (!leadsTo(flowGraphOf(gate.$container), target, gate)) {
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
    /** The AI steps a gate's `reviews` names; undefined when it names none, and so reviews every AI step upstream of it. */
    readonly named: (gate: Gate) => ReadonlySet<AiStep> | undefined;
}

function checkFacts(graph: FlowGraph): CheckFacts {
    const moves = new Map<Step, readonly Move[]>();
    const persons = new Map<Step, boolean>();
    const named = new Map<Gate, ReadonlySet<AiStep> | null>();
    return {
        moves: (step) => remember(moves, step, () => [...(graph.outgoing.get(step) ?? []), ...chainExitMoves(step)]),
        isPerson: (step) => remember(persons, step, () => isPersonStep(step)),
        named: (gate) =>
            remember(named, gate, () => {
                const steps = resolved(gate.reviews).filter(isAiStep);
                return steps.length > 0 ? new Set(steps) : null;
            }) ?? undefined,
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

/**
 * Whether the gate reviews the output of `aiStep`, which reaches it: the AI steps it names, or
 * when it names none every AI step upstream of it, so every one that reaches it.
 */
function reviews(gate: Gate, aiStep: AiStep, facts: CheckFacts): boolean {
    return facts.named(gate)?.has(aiStep) ?? true;
}

/** True when a person acts at the step on the output of `aiStep`: a queue's owner, or a gate that reviews it. */
function checksOutput(step: Step, aiStep: AiStep, facts: CheckFacts): boolean {
    if (!facts.isPerson(step)) return false;
    if (isManualQueue(step)) return true;
    return isGate(step) && reviews(step, aiStep, facts);
}

export interface Bypass {
    readonly edges: PathView;
    /** The protected steps the path reaches, in path order. */
    readonly targets: readonly Step[];
    /** Further targets reached past the path's first target along other routes. */
    readonly alsoReached: readonly Step[];
    /** The places on the path to its first target that let the output through. */
    readonly holes: HoleSummary;
}

/** Whether the latest decision on the path so far was unprotected (it then governs the effects after it). */
type Governance = 'open' | 'governed';

/** An effect that acts on the world or on people outside the organisation. */
function isProtectedEffectKind(effect: Effect): boolean {
    return effect.kind === 'execute' || effect.kind === 'publish' || effect.kind === 'commit' || (effect.kind === 'notify' && effect.external);
}

/**
 * Each AI step's bypasses in a workflow, as the rule reports them. `reuse: false` searches from
 * every AI step alone: the reference that test/rules/gate-bypass-reuse.test.ts compares with.
 */
export function bypassesByAiStep(workflow: Workflow, reuse = true): Map<AiStep, Bypass[]> {
    const graph = flowGraphOf(workflow);
    return bypassesOfEach(graph, checkFacts(graph), aiStepsOf(workflow), reuse);
}

/**
 * The bypasses from each AI step. Searched downstream first (by strongly connected component),
 * so that a search can go on with the result of an AI step it meets, as long as that step's
 * search would find exactly what the rest of its own would (see {@link bypassesFrom}): a chain
 * of AI steps then costs its length once rather than once per AI step on it.
 */
function bypassesOfEach(graph: FlowGraph, facts: CheckFacts, aiSteps: readonly AiStep[], reuse = true): Map<AiStep, Bypass[]> {
    const component = componentIndex(graph);
    const signature = gatesNaming(graph, facts);
    const results = new Map<AiStep, Bypass[]>();
    const downstreamFirst = [...aiSteps].sort((a, b) => component.get(a)! - component.get(b)!);
    const space = searchSpace(graph);
    for (const aiStep of downstreamFirst) {
        const reusable = (other: AiStep) => (reuse && signature(other) === signature(aiStep) ? results.get(other) : undefined);
        space.search++;
        results.set(aiStep, bypassesFrom(graph, facts, aiStep, space, reusable));
    }
    return results;
}

/**
 * The searches' states, allocated once per check: a state counts as reached only when marked
 * with the current search's number, so a search that stops early costs what it visits, not
 * the size of the workflow.
 */
interface SearchSpace {
    search: number;
    /** The search that last reached each state. */
    readonly reachedIn: Int32Array;
    /** The state each state was reached from (-1: the start), and the move into it. */
    readonly previous: Int32Array;
    readonly moveInto: Array<Move | undefined>;
}

function searchSpace(graph: FlowGraph): SearchSpace {
    const states = 2 * graph.steps.length;
    return { search: 0, reachedIn: new Int32Array(states), previous: new Int32Array(states), moveInto: new Array<Move | undefined>(states) };
}

/**
 * For each AI step, the people's gates that name it in `reviews`, as a key: two AI steps with
 * the same key are checked by the same steps (a gate naming no AI step reviews every one that
 * reaches it), so searches from either stop at the same places.
 */
function gatesNaming(graph: FlowGraph, facts: CheckFacts): (aiStep: AiStep) => string {
    const keys = new Map<AiStep, string>();
    graph.steps.forEach((step, position) => {
        if (!isGate(step) || !facts.isPerson(step)) return;
        for (const aiStep of facts.named(step) ?? []) keys.set(aiStep, `${keys.get(aiStep) ?? ''},${position}`);
    });
    return (aiStep) => keys.get(aiStep) ?? '';
}

/**
 * Shortest bypassing paths from an AI step to each protected target, breadth first over
 * (step, governance) so that an effect that only follows a low-stakes decision (an automatic
 * small refund, say) is not a target on that path. The search stands for the AI step's
 * output: it stops at a step where a person checks that output, except along the moves that
 * leave such a step with nobody acting. A path that only leads on to a further target is
 * folded into that longer path, which names both; paths that share their first target are
 * reported once, naming the shortest and listing the other targets.
 *
 * When the search has found no target yet and all that is left of it is another AI step, with
 * nothing it has queued reachable from there (an earlier strongly connected component; dead
 * ends are never queued), the rest of the search is that step's own search: the same states in
 * the same order, the same stops when the same gates check both. Its bypasses, with the path to
 * it in front, are the answer.
 */
function bypassesFrom(graph: FlowGraph, facts: CheckFacts, from: AiStep, space: SearchSpace, reusable: (aiStep: AiStep) => readonly Bypass[] | undefined): Bypass[] {
    // A state is a step and whether the path is governed: number 2 × step index + (1 when governed).
    const index = stepIndex(graph);
    const component = componentIndex(graph);
    const steps = graph.steps;
    const stateOf = (step: Step, governance: Governance) => 2 * index.get(step)! + (governance === 'governed' ? 1 : 0);
    const { search, reachedIn, previous, moveInto } = space;
    const start = stateOf(from, 'open');
    reachedIn[start] = search;
    previous[start] = -1;
    const queue: number[] = [start];
    const found = new Map<Step, Move[]>();
    // The lowest component of the states reached, and of all of them but the last one reached.
    let lowest = component.get(from)!;
    let lowestBeforeLast = lowest;
    for (let head = 0; head < queue.length; head++) {
        const state = queue[head];
        const step = steps[state >> 1];
        if (head > 0 && head === queue.length - 1 && found.size === 0 && (state & 1) === 0 && isAiStep(step) && lowestBeforeLast > component.get(step)!) {
            const rest = reusable(step);
            if (rest) {
                const prefix = movesTo(previous, moveInto, state);
                const prefixHoles = holesOn(prefix, from, facts);
                return rest.map((bypass) => ({ ...bypass, edges: joined(prefix, bypass.edges), holes: combined(prefixHoles, bypass.holes) }));
            }
        }
        const governance: Governance = (state & 1) === 1 ? 'governed' : 'open';
        const checkedHere = step !== from && checksOutput(step, from, facts);
        for (const edge of facts.moves(step)) {
            if (checkedHere && !leavesWithoutHuman(edge)) continue;
            const next = stateOf(edge.to, isDecision(edge.to) ? (isProtectedDecision(edge.to) ? 'open' : 'governed') : governance);
            if (reachedIn[next] === search) continue;
            reachedIn[next] = search;
            previous[next] = state;
            moveInto[next] = edge;
            const target = isTarget(edge.to, (next & 1) === 1 ? 'governed' : 'open');
            if (target && !found.has(edge.to)) found.set(edge.to, movesTo(previous, moveInto, next));
            // A dead end (an outcome, say) adds nothing once marked as reached: it is not queued,
            // so it does not stand between a search and an AI step whose search it can reuse.
            if (!target && facts.moves(edge.to).length === 0) continue;
            queue.push(next);
            lowestBeforeLast = lowest;
            lowest = Math.min(lowest, component.get(edge.to)!);
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
        // The path to the first target: up to where the path first enters it.
        const toFirst = chosen.edges.slice(0, chosen.edges.findIndex((edge) => edge.to === chosen.targets[0]) + 1);
        return { edges: joined([], chosen.edges), targets: chosen.targets, alsoReached, holes: holesOn(toFirst, from, facts) };
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

/**
 * `prefix`, then `path`, kept by its length and its first and last edges, all that a finding
 * shows of it ({@link describePath}, {@link pathSteps}): searches that go on from another AI
 * step's share its paths, so no path is copied whole once per AI step.
 */
function joined(prefix: readonly Move[], path: PathView): PathView {
    const length = prefix.length + path.length;
    const edgeAt = (position: number) => (position < prefix.length ? prefix[position] : (path.at(position - prefix.length) as Move));
    const kept = Math.min(length, MAX_PATH_STEPS);
    const head = Array.from({ length: kept }, (_, i) => edgeAt(i));
    const tail = Array.from({ length: kept }, (_, i) => edgeAt(length - kept + i));
    return {
        length,
        at: (position) => {
            if (position < 0 || position >= length) return undefined;
            return position < kept ? head[position] : tail[position - (length - kept)];
        },
    };
}

/** A place on a path where a gate or queue lets the AI output through unchecked: the move that leaves it. */
export interface HoleSite {
    readonly kind: 'no-person' | 'reviews-other' | 'unattended';
    readonly edge: Move;
}

/** What a finding says of the holes on a path: how many, the first few, the first few that point to a chain's last level, whether any lets through unreviewed output. */
export interface HoleSummary {
    readonly count: number;
    readonly first: readonly HoleSite[];
    readonly related: readonly HoleSite[];
    readonly reviewsOther: boolean;
}

/** A place on a path where a gate or queue lets the AI output through unchecked, with its fix. */
interface Hole {
    readonly node: AstNode;
    readonly property?: string;
    readonly index?: number;
    readonly fix: string;
    readonly related?: readonly RelatedNode[];
}

/** Each gate or queue the path leaves without a person checking the AI step's output there, in path order. */
function holesOn(edges: readonly Move[], aiStep: AiStep, facts: CheckFacts): HoleSummary {
    const sites: HoleSite[] = [];
    const seen = new Set<Step>();
    for (const edge of edges) {
        const step = edge.from;
        if (step === aiStep || seen.has(step) || !(isGate(step) || isManualQueue(step))) continue;
        seen.add(step);
        if (!facts.isPerson(step)) sites.push({ kind: 'no-person', edge });
        else if (isGate(step) && !reviews(step, aiStep, facts)) sites.push({ kind: 'reviews-other', edge });
        else if (leavesWithoutHuman(edge)) sites.push({ kind: 'unattended', edge });
    }
    return {
        count: sites.length,
        first: sites.slice(0, MAX_HOLES),
        related: sites.filter(pointsToLastLevel).slice(0, MAX_HOLES),
        reviewsOther: sites.some((site) => site.kind === 'reviews-other'),
    };
}

/**
 * The holes of a path, then those of the path after it. No step lies on both (the second
 * starts in an earlier component), so none is counted twice.
 */
function combined(before: HoleSummary, after: HoleSummary): HoleSummary {
    return {
        count: before.count + after.count,
        first: [...before.first, ...after.first].slice(0, MAX_HOLES),
        related: [...before.related, ...after.related].slice(0, MAX_HOLES),
        reviewsOther: before.reviewsOther || after.reviewsOther,
    };
}

/** Whether the hole's fix points to the escalation whose timeout lets the item through. */
function pointsToLastLevel(site: HoleSite): boolean {
    return site.kind === 'unattended' && site.edge.chainExit?.last.onTimeout !== undefined;
}

function holeAt(site: HoleSite, aiStep: AiStep, facts: CheckFacts): Hole {
    const step = site.edge.from as Gate | ManualQueue;
    if (site.kind === 'no-person') return noPersonHole(step);
    if (site.kind === 'reviews-other') return reviewsOtherHole(step as Gate, aiStep, facts);
    return unattendedHole(site.edge);
}

function noPersonHole(step: Gate | ManualQueue): Hole {
    if (isGate(step)) {
        return {
            node: step,
            property: 'reviewers',
            index: 0,
            fix: `give gate ${quoted(step.name)} a reviewer who is a person (its reviewers are AI only: ${describeNonPersons(step)})`,
        };
    }
    return {
        node: step,
        property: 'owner',
        fix: `give queue ${quoted(step.name)} an owner who is a person (its owner is AI only: ${describeNonPersons(step)})`,
    };
}

function reviewsOtherHole(gate: Gate, aiStep: AiStep, facts: CheckFacts): Hole {
    const others = [...(facts.named(gate) ?? [])].map((step) => quoted(step.name));
    const list = [...resolved(gate.reviews).map((step) => step.name), aiStep.name].join(', ');
    return {
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
        const handedOver = chain.escalations.length > 1 ? `, which hands over to ${joinCapped(chain.escalations.slice(1).map((e) => quoted(e.name)), ' then ')}` : '';
        return {
            node: reference.node,
            fix: `${noun} ${quoted(step.name)} escalates on ${event} to ${quoted(chain.escalations[0].name)}${handedOver}, and escalation ${quoted(last.name)} ends with 'on timeout ${action}': when nobody at any level acts, the item goes on to ${quoted(edge.to.name)} unreviewed; make ${quoted(last.name)} fail closed ('on timeout deny' or 'on timeout pause')`,
            related: last.onTimeout ? [{ node: last.onTimeout, message: `escalation ${quoted(last.name)} ends with 'on timeout ${action}'` }] : [],
        };
    }
    const route = edge.route;
    if (isEventRoute(route) && route.action) {
        const action = route.action.kind;
        return {
            node: route,
            fix: `make ${noun} ${quoted(step.name)} fail closed ('on timeout escalate to <Escalation>' or 'on timeout deny' instead of 'on timeout ${action}')`,
        };
    }
    const event = isEventRoute(route) ? route.event : 'timeout';
    const policy = isEventRoute(route) && route.policy ? ` by policy ${quoted(route.policy.$refText)}` : '';
    return {
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
    return upstream.length > 0 ? ` (upstream of it: ${joinList(shownItems(upstream.map((step) => quoted(step.name))))})` : '';
}
