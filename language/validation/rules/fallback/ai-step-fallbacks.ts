import { isEventRoute, type AiStep, type EventRoute } from '../../../generated/ast.js';
import { describePath, flowGraphOf } from '../../../analysis/flow-graph.js';
import { workflowOf } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { decisionAboveLowFedBy, joinList, pathRelated, stepKind, unattendedPath } from '../escalation/escalation-facts.js';
import { quoted } from '../../../util/names.js';

/** The failure modes every AI step plans for (G21). */
export const FALLBACK_EVENTS = ['unavailable', 'abnormal-output', 'low-confidence'] as const;

export function fallbackRoutesOf(step: AiStep): EventRoute[] {
    return step.routes.filter((route): route is EventRoute => isEventRoute(route) && (FALLBACK_EVENTS as readonly string[]).includes(route.event));
}

export function missingFallbacks(step: AiStep): string[] {
    const declared = new Set(fallbackRoutesOf(step).map((route) => route.event));
    return FALLBACK_EVENTS.filter((event) => !declared.has(event));
}

/** G21: when the model is down, talks nonsense or is unsure, the workflow already knows what to do. */
export const aiStepsMustDeclareFallbacks = defineRule({
    code: 'fallback/ai-fallbacks',
    title: 'AI steps declare fallbacks for unavailable, abnormal output and low confidence',
    severity: 'error',
    requirements: ['G21'],
    checks: {
        AiStep: (step, report) => {
            const missing = missingFallbacks(step);
            if (missing.length === 0) return;
            const lines = missing.map((event) => `'on ${event} -> <ManualQueue or Gate>'`);
            report({
                node: step,
                property: 'name',
                message: `AI step ${quoted(step.name)} does not say what happens when the AI ${joinList(missing.map(describeEvent), 'or')}; add ${joinList(lines)} (manual handling, or a conservative policy: 'on <event> use <Policy> -> <Step>').`,
            });
        },
    },
});

function describeEvent(event: string): string {
    switch (event) {
        case 'unavailable':
            return 'is unavailable';
        case 'abnormal-output':
            return 'returns abnormal output';
        default:
            return 'is unsure (low confidence)';
    }
}

/** G21: a fallback degrades to people or to a safer policy; it never waves the item through. */
export const fallbacksMustNotSkip = defineRule({
    code: 'fallback/never-skip',
    title: 'AI fallbacks never skip or approve',
    severity: 'error',
    requirements: ['G21'],
    checks: {
        AiStep: (step, report) => {
            const workflow = workflowOf(step);
            const graph = workflow ? flowGraphOf(workflow) : undefined;
            const aboveLow = decisionAboveLowFedBy(step) !== undefined;
            for (const route of step.routes) {
                if (!isEventRoute(route) || !(['unavailable', 'abnormal-output', 'low-confidence', 'error'] as string[]).includes(route.event)) continue;
                const action = route.action?.kind;
                if (action === 'skip' || action === 'approve') {
                    report({
                        node: route.action!,
                        message: `AI step ${quoted(step.name)} answers '${route.event}' with '${action}', so the item goes on as if the AI had checked it; send it to people ('on ${route.event} -> <ManualQueue or Gate>') or apply a conservative policy ('on ${route.event} use <Policy> -> <Step>').`,
                    });
                    continue;
                }
                // A route that applies a policy is a more conservative policy by declaration.
                if (!graph || route.policy || !route.target?.ref) continue;
                // Above low risk, where low confidence leads is escalation/low-confidence-to-human's finding.
                if (route.event === 'low-confidence' && aboveLow) continue;
                const edge = graph.outgoing.get(step)?.find((e) => e.route === route);
                const path = edge ? unattendedPath(graph, edge) : undefined;
                if (!path) continue;
                const end = path[path.length - 1].to;
                report({
                    node: route,
                    message: `AI step ${quoted(step.name)} falls back on '${route.event}' along ${describePath(path)} to ${stepKind(end)} ${quoted(end.name)} with no person and no policy, which skips the check; route it to a manual queue or gate, or write 'on ${route.event} use <Policy> -> ${route.target.$refText}'.`,
                    related: pathRelated(path, `${stepKind(end)} ${quoted(end.name)} is reached without a person`),
                });
            }
        },
    },
});
