import { isEventRoute, type EventRoute } from '../../../generated/ast.js';
import { describePath, flowGraphOf } from '../../../analysis/flow-graph.js';
import { workflowOf } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { decisionAboveLowFedBy, pathRelated, riskText, stepKind, unattendedPath } from '../../../analysis/escalation.js';
import { quoted } from '../../../util/names.js';

/**
 * G19: when the AI is unsure about something that matters, a person looks at it before
 * anything is decided or done.
 */
export const lowConfidenceMustReachAPerson = defineRule({
    code: 'escalation/low-confidence-to-human',
    title: 'Low-confidence AI output above low risk goes to a person',
    severity: 'error',
    requirements: ['G19'],
    checks: {
        AiStep: (step, report) => {
            const decision = decisionAboveLowFedBy(step);
            const workflow = workflowOf(step);
            if (!decision || !workflow) return;
            const graph = flowGraphOf(workflow);
            const fix = `route 'on low-confidence -> <Gate or queue>' or 'on low-confidence escalate to <Escalation>'`;
            for (const route of step.routes) {
                if (!isEventRoute(route) || route.event !== 'low-confidence') continue;
                const action = route.action?.kind;
                // skip and approve are fallback/never-skip's finding; escalate reaches people.
                if (action === 'deny' || action === 'pause') {
                    report({
                        node: route as EventRoute,
                        message: `AI step ${quoted(step.name)} feeds decision ${quoted(decision.name)} (${riskText(decision)}), but 'on low-confidence ${action}' settles uncertain items without a person; ${fix}.`,
                        related: [{ node: decision, message: `decision ${quoted(decision.name)} (${riskText(decision)})` }],
                    });
                    continue;
                }
                const edge = graph.outgoing.get(step)?.find((e) => e.route === route);
                const path = edge ? unattendedPath(graph, edge) : undefined;
                if (!path) continue;
                const end = path[path.length - 1].to;
                report({
                    node: route,
                    message: `AI step ${quoted(step.name)} feeds decision ${quoted(decision.name)} (${riskText(decision)}), but its low-confidence route ${describePath(path)} reaches ${stepKind(end)} ${quoted(end.name)} before any person sees the item; ${fix}.`,
                    related: pathRelated(path, `${stepKind(end)} ${quoted(end.name)} is reached without a person`),
                });
            }
        },
    },
});
