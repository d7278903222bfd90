import { AstUtils, type AstNode } from 'langium';
import {
    isAiActor,
    isAiStep,
    isDecision,
    isGate,
    isManualQueue,
    isRole,
    isTeam,
    isWorkflow,
    type AiStep,
    type Decision,
    type Party,
    type Role,
    type Step,
    type Team,
    type Workflow,
} from '../generated/ast.js';
import { flowGraphOf, stronglyConnectedComponents, type FlowEdge, type FlowGraph } from './flow-graph.js';

/** Facts about a workflow that many rules ask: its risk, who is human, what feeds what. */

const RISK_ORDER = ['low', 'medium', 'high', 'critical'] as const;
export type RiskGrade = (typeof RISK_ORDER)[number];

export function riskRank(grade: string | undefined): number {
    return grade ? RISK_ORDER.indexOf(grade as RiskGrade) : -1;
}

/** "High risk" in the requirements means high or critical. */
export function isHighRisk(grade: string | undefined): boolean {
    return riskRank(grade) >= riskRank('high');
}

export function workflowOf(node: AstNode): Workflow | undefined {
    return AstUtils.getContainerOfType(node, isWorkflow);
}

export function decisionsOf(workflow: Workflow): Decision[] {
    return workflow.steps.filter(isDecision);
}

export function aiStepsOf(workflow: Workflow): AiStep[] {
    return workflow.steps.filter(isAiStep);
}

/** A workflow is high risk when any of its decisions is. */
export function isHighRiskWorkflow(workflow: Workflow): boolean {
    return decisionsOf(workflow).some((decision) => isHighRisk(decision.risk));
}

/** Decisions whose stakes bring the oversight requirements into force (G01, G11). */
export function isProtectedDecision(decision: Decision): boolean {
    return isHighRisk(decision.risk) || decision.affectsUserRights;
}

export function affectsUserRights(workflow: Workflow): boolean {
    return decisionsOf(workflow).some((decision) => decision.affectsUserRights);
}

/** Steps where a person acts on the item: review gates and manual queues. */
export function isHumanStep(step: Step): boolean {
    return isGate(step) || isManualQueue(step);
}

/**
 * Roles are people; AI actors are not; a team is people unless every role or AI actor it holds,
 * through nested teams, is an AI actor (a team with no members named is taken at its word).
 */
export function isHumanParty(party: Party | undefined): boolean {
    if (isRole(party)) return true;
    if (!isTeam(party)) return false;
    const individuals = [...partiesIn(party)].filter((member) => !isTeam(member));
    return individuals.length === 0 || individuals.some((member) => !isAiActor(member));
}

/** A party that is no person, for messages: `AI actor 'X'`, or `team 'T' (all its members AI actors)`. */
export function nonPersonLabel(party: Party): string {
    return isTeam(party) ? `team '${party.name}' (all its members AI actors)` : `AI actor '${party.name}'`;
}

export function isAiParty(party: Party | undefined): boolean {
    return isAiActor(party);
}

/** Who a party stands for: the party itself and, for a team, every member (transitively; cycles tolerated). */
export function partiesIn(party: Party | undefined): Set<Party> {
    const result = new Set<Party>();
    const stack = party ? [party] : [];
    while (stack.length > 0) {
        const next = stack.pop()!;
        if (result.has(next)) continue;
        result.add(next);
        if (isTeam(next)) {
            for (const member of next.members) if (member.ref) stack.push(member.ref);
        }
    }
    return result;
}

/** True when two parties can be the same person: the same party, one a team holding the other, or teams sharing a member. */
export function partiesOverlap(a: Party | undefined, b: Party | undefined): boolean {
    if (!a || !b) return false;
    const inA = partiesIn(a);
    for (const party of partiesIn(b)) if (inA.has(party)) return true;
    return false;
}

/**
 * The people a party stands for: the roles and AI actors it is or holds, through nested teams.
 * A team with no resolvable member stands for itself (there is nobody else to name).
 */
export function peopleOf(party: Party | undefined): Party[] {
    const people = [...partiesIn(party)].filter((p) => !isTeam(p));
    return people.length === 0 && party ? [party] : people;
}

/**
 * How two overlapping parties are the same people, from `a`'s side, for messages: `a` is `b`,
 * holds it, is held by it, or shares a person with it. Undefined when they do not overlap.
 */
export function overlapOf(a: Party, b: Party): { relation: 'same' | 'holds' | 'member' | 'shares'; shared: Party } | undefined {
    if (a === b) return { relation: 'same', shared: a };
    const inA = partiesIn(a);
    if (inA.has(b)) return { relation: 'holds', shared: b };
    const inB = partiesIn(b);
    if (inB.has(a)) return { relation: 'member', shared: a };
    let shared: Party | undefined;
    for (const party of inB) {
        if (!inA.has(party)) continue;
        if (!isTeam(party)) return { relation: 'shares', shared: party };
        shared ??= party;
    }
    return shared ? { relation: 'shares', shared } : undefined;
}

/**
 * The authority a party counts with when escalations are compared (G19). A role counts with
 * the `authority` it declares. A team stands for its members, so its declared authority is
 * bounded by theirs: as the party an item is escalated **to** (`target`), a team counts as no
 * higher than its most senior member (the least of its own authority and that member's); as
 * the party an item is escalated **from** (`handler`), it counts as high as its most senior
 * member (the greater of the two), because any member may have handled the item. A team that
 * declares no authority counts with its most senior member's. Members are every role it holds,
 * through nested teams; members without `authority` and AI actors are not counted. `member`
 * names the role whose authority decided the value when it is not the team's own.
 */
export function effectiveAuthority(party: Party | undefined, as: 'target' | 'handler'): { value: number | undefined; member?: Role } {
    if (isRole(party)) return { value: party.authority };
    if (!isTeam(party)) return { value: undefined };
    const declared = party.authority;
    const senior = mostSeniorMember(party);
    if (!senior) return { value: declared };
    const seniority = senior.authority!;
    if (declared === undefined || (as === 'target' ? seniority < declared : seniority > declared)) return { value: seniority, member: senior };
    return { value: declared };
}

/** The role with the highest declared authority among those a team holds (on ties, the first by name, so messages are stable). */
function mostSeniorMember(team: Team): Role | undefined {
    let senior: Role | undefined;
    for (const party of partiesIn(team)) {
        if (!isRole(party) || party.authority === undefined) continue;
        if (!senior || party.authority > senior.authority! || (party.authority === senior.authority && party.name < senior.name)) senior = party;
    }
    return senior;
}

/** Decisions an item can reach after this step (itself included), in declaration order. */
export function decisionsFedBy(step: Step): readonly Decision[] {
    const workflow = workflowOf(step);
    if (!workflow) return [];
    return fedDecisionsOf(flowGraphOf(workflow)).get(step) ?? [];
}

const fedDecisions = new WeakMap<FlowGraph, Map<Step, readonly Decision[]>>();

/**
 * The decisions each step feeds, in one pass over the strongly connected components (each
 * comes after those it leads to), instead of a search of the graph per step, which cost n² on
 * a long chain. A component that adds no decision shares its only successor's list.
 */
function fedDecisionsOf(graph: FlowGraph): Map<Step, readonly Decision[]> {
    let fed = fedDecisions.get(graph);
    if (fed) return fed;
    fed = new Map();
    const order = new Map(graph.steps.map((step, index) => [step, index]));
    const none: readonly Decision[] = [];
    for (const component of stronglyConnectedComponents(graph)) {
        const members = new Set(component);
        const onward = new Set<readonly Decision[]>();
        for (const step of component) {
            for (const edge of graph.outgoing.get(step) ?? []) {
                if (!members.has(edge.to)) onward.add(fed.get(edge.to) ?? none);
            }
        }
        const own = component.filter((step): step is Decision => isDecision(step) && order.has(step));
        let decisions: readonly Decision[];
        if (own.length === 0 && onward.size <= 1) decisions = onward.values().next().value ?? none;
        else {
            const all = new Set<Decision>(own);
            for (const list of onward) for (const decision of list) all.add(decision);
            decisions = [...all].sort((a, b) => order.get(a)! - order.get(b)!);
        }
        for (const step of component) fed.set(step, decisions);
    }
    fedDecisions.set(graph, fed);
    return fed;
}

/** The highest risk among the decisions a step feeds; an AI step is as risky as what it decides. */
export function riskFedBy(step: Step): string | undefined {
    let highest: string | undefined;
    for (const decision of decisionsFedBy(step)) {
        if (riskRank(decision.risk) > riskRank(highest)) highest = decision.risk;
    }
    return highest;
}

export function feedsHighRisk(step: Step): boolean {
    return isHighRisk(riskFedBy(step));
}

/**
 * The shortest path from `from` to a step satisfying `isTarget` that does not pass through a
 * step for which `blocks` holds: such a step may be reached but is left only along edges that
 * `crossesBlock` lets through (a timeout that auto-approves, say). Undefined when every path
 * is blocked.
 */
export function findUnblockedPath(
    graph: FlowGraph,
    from: Step,
    isTarget: (step: Step) => boolean,
    blocks: (step: Step) => boolean,
    crossesBlock: (edge: FlowEdge) => boolean = () => false,
): FlowEdge[] | undefined {
    const previous = new Map<Step, FlowEdge | null>([[from, null]]);
    const queue: Step[] = [from];
    for (let next = 0; next < queue.length; next++) {
        const step = queue[next];
        if (step !== from && isTarget(step)) {
            const path: FlowEdge[] = [];
            for (let edge = previous.get(step); edge; edge = previous.get(edge.from)) path.unshift(edge);
            return path;
        }
        const blocked = step !== from && blocks(step);
        for (const edge of graph.outgoing.get(step) ?? []) {
            if (blocked && !crossesBlock(edge)) continue;
            if (!previous.has(edge.to)) {
                previous.set(edge.to, edge);
                queue.push(edge.to);
            }
        }
    }
    return undefined;
}
