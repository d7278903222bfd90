import { isEventRoute } from '../../../generated/ast.js';
import { describePath, flowGraphOf } from '../../../analysis/flow-graph.js';
import { workflowOf } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { decisionAboveLowFedBy, pathRelated, stepKind, unattendedPath } from '../../../analysis/escalation.js';
import { quoted } from '../../../util/names.js';

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
