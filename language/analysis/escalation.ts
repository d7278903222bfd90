import type { AstNode } from 'langium';
import { isDecision, isEffect, isEscalation, isEventRoute, isGate, isManualQueue, isOutcome, isRole, isTeam, type Channel, type Decision, type Escalation, type EscalationRule, type EscalationTarget, type Party, type Step, type TimeoutAction } from '../generated/ast.js';
import { shownEdges, type FlowEdge, type FlowGraph, type PathView } from './flow-graph.js';
import { decisionsFedBy, effectiveAuthority, findUnblockedPath, isHumanStep, riskRank } from './governance.js';
import type { RelatedNode } from '../validation/rule.js';
import { quoted } from '../util/names.js';
import { joinShown, MAX_PATH_STEPS } from './caps.js';

/**
 * Facts the escalation and fallback rules share: where a step escalates to, who handles it,
 * the parties an escalation chain passes through, and routes that reach a decision or an
 * effect without a person.
 */

/** One place where a step hands an item to someone else: `escalate on … to X`, `on <event> escalate to X`. */
export interface EscalationReference {
    readonly step: Step;
    readonly node: EscalationRule | TimeoutAction;
    /** The resolved target; undefined when none is named or the name does not resolve. */
    readonly target: EscalationTarget | undefined;
    /** True when the text names a target (resolved or not). */
    readonly named: boolean;
    /** How the step says it, for messages: `escalate on disagreement`, `on timeout escalate`. */
    readonly phrase: string;
}

export function escalationReferencesOf(step: Step): EscalationReference[] {
    const references: EscalationReference[] = [];
    if (isGate(step) || isManualQueue(step)) {
        for (const rule of step.escalations) {
            references.push({ step, node: rule, target: rule.target?.ref, named: rule.target !== undefined, phrase: `escalate on ${rule.triggers.join(', ')}` });
        }
    }
    if (!isOutcome(step)) {
        for (const route of step.routes) {
            if (isEventRoute(route) && route.action?.kind === 'escalate') {
                const action = route.action;
                references.push({ step, node: action, target: action.target?.ref, named: action.target !== undefined, phrase: `on ${route.event} escalate` });
            }
        }
    }
    return references;
}

/** The people who handle an item at a step: a gate's reviewers, a queue's owner. */
export function handlersOf(step: Step): Party[] {
    if (isGate(step)) return step.reviewers.map((r) => r.ref).filter((p): p is Party => p !== undefined);
    if (isManualQueue(step)) return step.owner?.ref ? [step.owner.ref] : [];
    return [];
}

export function handlerNoun(step: Step): string {
    return isGate(step) ? 'reviewer' : 'owner';
}

export function stepNoun(step: Step): string {
    if (isGate(step)) return 'Gate';
    if (isManualQueue(step)) return 'Queue';
    return 'Step';
}

function authorityOf(party: Party | undefined): number | undefined {
    return isRole(party) || isTeam(party) ? party.authority : undefined;
}

export function hasFinalAuthority(party: Party | undefined): boolean {
    return (isRole(party) || isTeam(party)) && party.final;
}

export function channelsOf(party: Party | undefined): Channel[] {
    return isRole(party) || isTeam(party) ? party.channels.map((c) => c.ref).filter((c): c is Channel => c !== undefined) : [];
}

export function partyLabel(party: Party): string {
    const authority = authorityOf(party);
    const parts = [authority !== undefined ? `authority ${authority}` : 'no authority declared'];
    if (hasFinalAuthority(party)) parts.push('final authority');
    return `${quoted(party.name)} (${parts.join(', ')})`;
}

/**
 * A party with the authority it counts with on one side of an escalation (see
 * `effectiveAuthority`): a team shows its own authority and, when a member's decides the
 * comparison, which member that is.
 */
export function authorityLabel(party: Party, as: 'target' | 'handler'): string {
    if (!isTeam(party)) return partyLabel(party);
    const { value, member } = effectiveAuthority(party, as);
    const declared = party.authority;
    let authority: string;
    if (!member) authority = declared !== undefined ? `authority ${declared}` : 'no authority declared, nor by any member';
    else if (declared === undefined) authority = `no authority declared; its most senior member ${quoted(member.name)} has authority ${value}`;
    else if (as === 'target') authority = `authority ${declared}, but its most senior member ${quoted(member.name)} has only authority ${value}`;
    else authority = `authority ${declared}, but its member ${quoted(member.name)} has authority ${value}`;
    return `team ${quoted(party.name)} (${authority}${party.final ? ', final authority' : ''})`;
}

/** Related location for the member whose authority a team counts with, when it is not the team's own. */
export function memberRelated(party: Party, as: 'target' | 'handler'): RelatedNode[] {
    const { member } = effectiveAuthority(party, as);
    return member ? [{ node: member, message: `${quoted(member.name)} (authority ${member.authority}), member of team ${quoted(party.name)}` }] : [];
}

/** One party on an escalation chain. */
export interface ChainLevel {
    /** The resolved party; undefined when the name does not resolve. */
    readonly party: Party | undefined;
    readonly name: string;
    /** The `to …` level, or the `on timeout escalate to <Role>` that ends the chain. */
    readonly node: AstNode;
    readonly channel: Channel | undefined;
    /** The escalation block the level is written in. */
    readonly escalation: Escalation;
}

export interface Chain {
    readonly levels: readonly ChainLevel[];
    /** Escalations the chain passes through, in order (itself first). */
    readonly escalations: readonly Escalation[];
    /** Set when an `on timeout escalate to` hands the chain back to an escalation already on it. */
    readonly loopsBackTo: Escalation | undefined;
}

/**
 * The parties an item passes through once it enters an escalation: its levels in order, then
 * wherever its `on timeout escalate to` hands over (the levels of another escalation, or one
 * more role or team).
 */
export function chainOf(escalation: Escalation): Chain {
    const levels: ChainLevel[] = [];
    const escalations: Escalation[] = [];
    const passed = new Set<Escalation>();
    let current: Escalation | undefined = escalation;
    let loopsBackTo: Escalation | undefined;
    while (current) {
        if (passed.has(current)) {
            loopsBackTo = current;
            break;
        }
        passed.add(current);
        escalations.push(current);
        levels.push(...ownLevels(current));
        const { next, handOver } = handOverOf(current);
        if (handOver) levels.push(handOver);
        current = next;
    }
    return { levels, escalations, loopsBackTo };
}

/** The first `count` levels of an escalation's chain, as `chainOf` lists them, without walking the rest. */
export function chainStart(escalation: Escalation, count: number): ChainLevel[] {
    const levels: ChainLevel[] = [];
    const passed = new Set<Escalation>();
    for (let current: Escalation | undefined = escalation; current && levels.length < count && !passed.has(current); current = handOverOf(current).next) {
        passed.add(current);
        levels.push(...ownLevels(current));
        const { handOver } = handOverOf(current);
        if (handOver) levels.push(handOver);
    }
    return levels.slice(0, count);
}

function ownLevels(escalation: Escalation): ChainLevel[] {
    return escalation.levels.map((level) => ({ party: level.target?.ref, name: level.target?.$refText ?? '?', node: level, channel: level.channel?.ref, escalation }));
}

/** Where an escalation's `on timeout escalate to` hands over: another escalation, or one more level (a role or team). */
function handOverOf(escalation: Escalation): { next?: Escalation; handOver?: ChainLevel } {
    const action: TimeoutAction | undefined = escalation.onTimeout;
    const target: EscalationTarget | undefined = action?.kind === 'escalate' ? action.target?.ref : undefined;
    if (isEscalation(target)) return { next: target };
    return action && target ? { handOver: { party: target, name: target.name, node: action, channel: undefined, escalation } } : {};
}

/**
 * A chain that does not loop, read without listing it: how many levels it has, its first and
 * last levels (MAX_PATH_STEPS of each) and its levels in order, lazily. Outlines are kept in
 * `memo` and built from the outline of the escalation handed over to, so that outlining every
 * escalation of a deep chain costs its length once rather than once per escalation. Undefined
 * for a chain that loops (see `chainOf`).
 */
export interface ChainOutline {
    readonly length: number;
    readonly head: readonly ChainLevel[];
    readonly tail: readonly ChainLevel[];
    readonly escalation: Escalation;
}

export interface OutlineMemo {
    get(escalation: Escalation): ChainOutline | null | undefined;
    set(escalation: Escalation, outline: ChainOutline | null): void;
}

export function chainOutline(escalation: Escalation, memo: OutlineMemo): ChainOutline | undefined {
    const known = memo.get(escalation);
    if (known !== undefined) return known ?? undefined;
    // Walk down to an outlined escalation or the end, then outline back up; iterative for deep chains.
    const walk: Escalation[] = [];
    const onWalk = new Set<Escalation>();
    let below: ChainOutline | null | undefined;
    for (let current: Escalation | undefined = escalation; current; current = handOverOf(current).next) {
        below = memo.get(current);
        if (below !== undefined) break;
        if (onWalk.has(current)) {
            below = null;
            break;
        }
        walk.push(current);
        onWalk.add(current);
    }
    for (let i = walk.length - 1; i >= 0; i--) {
        const current = walk[i];
        if (below === null) {
            memo.set(current, null);
            continue;
        }
        const own = ownLevels(current);
        const { handOver } = handOverOf(current);
        const rest: readonly ChainLevel[] = below ? below.head : handOver ? [handOver] : [];
        const restLength = below ? below.length : rest.length;
        const all = [...own, ...rest];
        const outline: ChainOutline = {
            length: own.length + restLength,
            head: all.slice(0, MAX_PATH_STEPS),
            tail: below && below.length >= MAX_PATH_STEPS ? below.tail : all.slice(-MAX_PATH_STEPS),
            escalation: current,
        };
        memo.set(current, outline);
        below = outline;
    }
    return memo.get(escalation) ?? undefined;
}

/** The level at `index` of an outlined chain: quick for its first and last levels. */
export function outlineLevel(outline: ChainOutline, index: number): ChainLevel | undefined {
    if (index < outline.head.length) return outline.head[index];
    if (index >= outline.length - outline.tail.length) return outline.tail[index - (outline.length - outline.tail.length)];
    let position = 0;
    for (const level of outlineLevels(outline)) if (position++ === index) return level;
    return undefined;
}

/** An outlined chain's levels in order, as `chainOf` lists them. */
export function* outlineLevels(outline: ChainOutline): Generator<ChainLevel> {
    for (let current: Escalation | undefined = outline.escalation; current; ) {
        yield* ownLevels(current);
        const { next, handOver } = handOverOf(current);
        if (handOver) yield handOver;
        current = next;
    }
}

/** `A → B → C`; a long chain shows its first and last levels and how many lie between. */
export function describeChain(levels: readonly ChainLevel[]): string {
    return joinShown(levels.length, (index) => levels[index].name, 'levels');
}

/** {@link describeChain} of an outlined chain. */
export function describeOutline(outline: ChainOutline): string {
    return joinShown(outline.length, (index) => outlineLevel(outline, index)!.name, 'levels');
}

/**
 * The decision fed by a step that is not graded low: the riskiest graded one, else an ungraded
 * one (treated as above low until it is graded). Undefined when every decision is low risk.
 */
export function decisionAboveLowFedBy(step: Step): Decision | undefined {
    let found: Decision | undefined;
    for (const decision of decisionsFedBy(step)) {
        if (decision.risk === 'low') continue;
        if (!found || riskRank(decision.risk) > riskRank(found.risk)) found = decision;
    }
    return found;
}

export function riskText(decision: Decision): string {
    return decision.risk ? `risk ${decision.risk}` : 'no risk grade';
}

export function isDecisionOrEffect(step: Step): boolean {
    return isDecision(step) || isEffect(step);
}

/**
 * Starting with `edge`, the shortest route that reaches a decision or an effect before any
 * gate or manual queue (a gate's auto-approving timeout does not count as a person).
 * Undefined when every route meets a person first, or reaches no decision or effect.
 */
export function unattendedPath(graph: FlowGraph, edge: FlowEdge): FlowEdge[] | undefined {
    const to = edge.to;
    if (isHumanStep(to)) return undefined;
    if (isDecisionOrEffect(to)) return [edge];
    const rest = findUnblockedPath(graph, to, isDecisionOrEffect, isHumanStep, (e) => e.bypassesHuman);
    return rest ? [edge, ...rest] : undefined;
}

/** Related locations for a path: each step on it (a long path's first and last), saying how the item moves on. */
export function pathRelated(path: PathView, last: string): RelatedNode[] {
    const related: RelatedNode[] = shownEdges(path).map((edge) => ({ node: edge.from, message: `${quoted(edge.from.name)} leads on (${edge.label}) to ${quoted(edge.to.name)}` }));
    const end = path.at(path.length - 1)?.to;
    if (end) related.push({ node: end, message: last });
    return related;
}

export function stepKind(step: Step): string {
    if (isDecision(step)) return 'decision';
    if (isEffect(step)) return 'effect';
    return 'step';
}
