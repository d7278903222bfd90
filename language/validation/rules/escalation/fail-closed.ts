import { AstUtils, WorkspaceCache, type AstNode } from 'langium';
import { compareUris } from '../../../workspace/name-index.js';
import { isEscalation, isStep, type Escalation, type Gate, type ManualQueue, type Step, type TimeoutAction } from '../../../generated/ast.js';
import { describePath, flowGraphOf } from '../../../analysis/flow-graph.js';
import { workflowOf } from '../../../analysis/governance.js';
import type { HitlCoreServices } from '../../../hitl-module.js';
import { defineRule, type Report } from '../../rule.js';
import { decisionAboveLowFedBy, pathRelated, riskText, stepKind, stepNoun, unattendedPath } from '../../../analysis/escalation.js';
import { quoted } from '../../../util/names.js';
import { suggestedEscalation, timeoutRoutesOf } from '../../../analysis/timeouts.js';

/** `'on timeout escalate to E', 'on timeout deny' or 'on timeout pause'` */
function closedOptions(step: Step): string {
    const escalation = suggestedEscalation(step);
    const options = [...(escalation ? [`escalate to ${escalation.name}`] : []), 'deny', 'pause'].map((o) => `'on timeout ${o}'`);
    return `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}`;
}

/** G18: above low risk, running out of time never lets an unreviewed item through. */
export const timeoutsMustFailClosed = defineRule({
    code: 'escalation/fail-closed',
    title: 'Above low risk, a timeout escalates, denies or pauses',
    severity: 'error',
    requirements: ['G18'],
    // An escalation's finding comes from the steps, in other files, that hand items to it.
    crossFile: { referrersOf: ['Escalation'] },
    checks: (services: HitlCoreServices) => {
        const referrers = new WorkspaceCache<'escalations', Map<Escalation, AstNode[]>>(services.shared);
        return {
            Gate: (gate, report) => checkStepTimeouts(gate, report),
            ManualQueue: (queue, report) => checkStepTimeouts(queue, report),
            Escalation: (escalation, report) => {
                const action = escalation.onTimeout;
                if (!action || (action.kind !== 'approve' && action.kind !== 'skip')) return;
                for (const step of stepsUsing(escalation, referrers.get('escalations', () => escalationReferrers(services)))) {
                    const decision = decisionAboveLowFedBy(step);
                    if (!decision) continue;
                    report({
                        node: action,
                        message: `Escalation ${quoted(escalation.name)} ends with 'on timeout ${action.kind}', so an item nobody at any level answers goes through unreviewed; ${quoted(step.name)} uses it and leads to decision ${quoted(decision.name)} (${riskText(decision)}). Write 'on timeout deny' or 'on timeout pause' (fail closed).`,
                        related: [
                            { node: step, message: `${quoted(step.name)} escalates to ${quoted(escalation.name)}` },
                            { node: decision, message: `decision ${quoted(decision.name)} (${riskText(decision)})` },
                        ],
                    });
                    return;
                }
            },
        };
    },
});

function checkStepTimeouts(step: Gate | ManualQueue, report: Report): void {
    const decision = decisionAboveLowFedBy(step);
    if (!decision) return;
    const noun = stepNoun(step);
    const fix = closedOptions(step);
    for (const route of timeoutRoutesOf(step)) {
        const action: TimeoutAction | undefined = route.action;
        if (action && (action.kind === 'approve' || action.kind === 'skip')) {
            const effect = action.kind === 'approve' ? 'approves an item nobody reviewed' : 'passes on an item nobody reviewed';
            report({
                node: action,
                message: `${noun} ${quoted(step.name)} leads to decision ${quoted(decision.name)} (${riskText(decision)}), but 'on timeout ${action.kind}' ${effect}; fail closed with ${fix}.`,
                related: [{ node: decision, message: `decision ${quoted(decision.name)} (${riskText(decision)})` }],
            });
            continue;
        }
        if (!route.target?.ref) continue;
        const workflow = workflowOf(step);
        const edge = workflow ? flowGraphOf(workflow).outgoing.get(step)?.find((e) => e.route === route) : undefined;
        const path = workflow && edge ? unattendedPath(flowGraphOf(workflow), edge) : undefined;
        if (!path) continue;
        const end = path[path.length - 1].to;
        report({
            node: route,
            message: `${noun} ${quoted(step.name)} leads to decision ${quoted(decision.name)} (${riskText(decision)}), but on timeout it sends the item along ${describePath(path)} to ${stepKind(end)} ${quoted(end.name)} without a person; fail closed with ${fix}.`,
            related: pathRelated(path, `${stepKind(end)} ${quoted(end.name)} is reached without a person`),
        });
    }
}

/**
 * Steps that hand items to an escalation: directly (`escalate on … to E`, `on timeout
 * escalate to E`) or through another escalation whose timeout hands over to it.
 */
function stepsUsing(escalation: Escalation, referrers: ReadonlyMap<Escalation, readonly AstNode[]>, seen = new Set<Escalation>()): Step[] {
    if (seen.has(escalation)) return [];
    seen.add(escalation);
    const steps: Step[] = [];
    for (const node of referrers.get(escalation) ?? []) {
        const step = AstUtils.getContainerOfType(node, isStep);
        if (step) {
            if (!steps.includes(step)) steps.push(step);
            continue;
        }
        const handingOver = AstUtils.getContainerOfType(node, isEscalation);
        if (handingOver) steps.push(...stepsUsing(handingOver, referrers, seen).filter((s) => !steps.includes(s)));
    }
    return steps;
}

/**
 * The nodes that refer to each escalation, in the order the index finds them (files in URI
 * order, then in the text): one pass over the workspace's references, where asking the index
 * once per escalation read every reference each time.
 */
function escalationReferrers(services: HitlCoreServices): Map<Escalation, AstNode[]> {
    const referrers = new Map<Escalation, AstNode[]>();
    const documents = [...services.shared.workspace.LangiumDocuments.all].sort((a, b) => compareUris(a.uri.toString(), b.uri.toString()));
    for (const document of documents) {
        for (const reference of document.references) {
            const target = 'ref' in reference ? reference.ref : undefined;
            const node = reference.$refNode?.astNode;
            if (!isEscalation(target) || !node) continue;
            const list = referrers.get(target);
            if (list) list.push(node);
            else referrers.set(target, [node]);
        }
    }
    return referrers;
}
