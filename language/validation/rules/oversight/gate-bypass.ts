import { isDecision, isEffect, isGate, type AiStep, type Effect, type Step } from '../../../generated/ast.js';
import { describePath, flowGraphOf, type FlowEdge, type FlowGraph } from '../../../analysis/flow-graph.js';
import { aiStepsOf, decisionsOf, isHighRisk, isProtectedDecision } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { isPersonStep, leavesWithoutHuman, pathSteps, stepIndex } from './oversight-facts.js';
import { quoted } from '../../../util/names.js';

/**
 * G01 as a graph property: from every AI step, every path — normal flow, branches, fallbacks,
 * a gate timeout that approves, a queue timeout route — reaches a protected decision or effect
 * only through a step where a person acts.
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
            for (const aiStep of aiStepsOf(workflow)) {
                for (const path of bypassesFrom(graph, aiStep)) {
                    const first = path.targets[0];
                    const toFirst = path.edges.slice(0, path.edges.findIndex((edge) => edge.to === first) + 1);
                    const crossing = toFirst.find(leavesWithoutHuman);
                    const aiOnlyGate = toFirst.map((edge) => edge.to).find((step) => isGate(step) && !isPersonStep(step));
                    const fix = crossing
                        ? crossingFix(crossing)
                        : aiOnlyGate
                          ? `give gate ${quoted(aiOnlyGate.name)} a human reviewer (its reviewers are AI actors only)`
                          : `route it through a gate or manual queue before ${quoted(first.name)}`;
                    const also = path.alsoReached.length > 0 ? `; from ${quoted(first.name)} it also reaches ${path.alsoReached.map(targetLabel).join(' and ')}` : '';
                    report({
                        node: (crossing ?? path.edges[0]).route,
                        message: `AI step ${quoted(aiStep.name)} reaches ${path.targets.map(targetLabel).join(' and ')} with no person acting: ${describePath(path.edges)}${also}; ${fix}.`,
                        related: pathSteps(path.edges),
                    });
                }
            }
        },
    },
});

interface Bypass {
    readonly edges: readonly FlowEdge[];
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
 * small refund, say) is not a target on that path. A path that only leads on to a further
 * target is folded into that longer path, which names both; paths that share their first
 * target are reported once, naming the shortest and listing the other targets.
 */
function bypassesFrom(graph: FlowGraph, from: AiStep): Bypass[] {
    const index = stepIndex(graph);
    const key = (step: Step, governance: Governance) => `${index.get(step)}:${governance}`;
    const previous = new Map<string, { edge: FlowEdge; key: string } | null>([[key(from, 'open'), null]]);
    const queue: Array<{ step: Step; governance: Governance }> = [{ step: from, governance: 'open' }];
    const found = new Map<Step, FlowEdge[]>();
    while (queue.length > 0) {
        const { step, governance } = queue.shift()!;
        const here = key(step, governance);
        const personHere = step !== from && isPersonStep(step);
        for (const edge of graph.outgoing.get(step) ?? []) {
            if (personHere && !leavesWithoutHuman(edge)) continue;
            const next: Governance = isDecision(edge.to) ? (isProtectedDecision(edge.to) ? 'open' : 'governed') : governance;
            const nextKey = key(edge.to, next);
            if (previous.has(nextKey)) continue;
            previous.set(nextKey, { edge, key: here });
            queue.push({ step: edge.to, governance: next });
            if (!found.has(edge.to) && isTarget(edge.to, next)) found.set(edge.to, edgesTo(previous, nextKey));
        }
    }
    const paths = [...found.values()];
    const isPrefixOfAnother = (path: FlowEdge[]) => paths.some((other) => other.length > path.length && path.every((edge, i) => other[i] === edge));
    const targetsOn = (edges: FlowEdge[]) => edges.map((edge) => edge.to).filter((step) => found.get(step)?.every((edge, i) => edges[i] === edge));
    // One finding per first target: the paths that only fan out after it share its fix.
    const byFirstTarget = new Map<Step, Array<{ edges: FlowEdge[]; targets: Step[] }>>();
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

function edgesTo(previous: Map<string, { edge: FlowEdge; key: string } | null>, key: string): FlowEdge[] {
    const edges: FlowEdge[] = [];
    for (let link = previous.get(key); link; link = previous.get(link.key)) edges.unshift(link.edge);
    return edges;
}

function targetLabel(step: Step): string {
    if (isDecision(step)) {
        const why = [isHighRisk(step.risk) ? `risk ${step.risk}` : undefined, step.affectsUserRights ? 'affects user rights' : undefined].filter(Boolean);
        return `decision ${quoted(step.name)} (${why.join(', ')})`;
    }
    if (isEffect(step)) return `effect ${quoted(step.name)} (${step.external ? 'external ' : ''}${step.kind})`;
    return `${quoted(step.name)}`;
}

function crossingFix(edge: FlowEdge): string {
    if (isGate(edge.from) && edge.bypassesHuman) {
        return `make gate ${quoted(edge.from.name)} fail closed ('on timeout escalate to <Escalation>' or 'on timeout deny' instead of 'on timeout approve')`;
    }
    return `have ${quoted(edge.from.name)} escalate on timeout ('on timeout escalate to <Escalation>') instead of sending the item on to ${quoted(edge.to.name)} unattended`;
}

