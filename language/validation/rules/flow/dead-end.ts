import { isOutcome } from '../../../generated/ast.js';
import { describePath, flowGraphOf } from '../../../analysis/flow-graph.js';
import { findUnblockedPath } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

/** A step with no way out strands every item that reaches it: no result is ever recorded. */
export const stepsMustLeadSomewhere = defineRule({
    code: 'flow/dead-end',
    title: 'Every step that is not an outcome leads somewhere',
    severity: 'error',
    requirements: ['G23'],
    checks: {
        Workflow: (workflow, report) => {
            const graph = flowGraphOf(workflow);
            for (const step of graph.steps) {
                if (isOutcome(step) || (graph.outgoing.get(step)?.length ?? 0) > 0) continue;
                // A gate that only pauses or escalates on timeout still needs outcome routes.
                const path = graph.start && graph.start !== step ? findUnblockedPath(graph, graph.start, (s) => s === step, () => false) : undefined;
                const via = path ? `; items reach it along ${describePath(path)}` : '';
                report({
                    node: step,
                    property: 'name',
                    message: `Step ${quoted(step.name)} has no route out, so items stop there without a result${via}. Add 'then <Step>', 'on <event> -> <Step>' or end the path in an outcome.`,
                    related: path?.map((edge) => ({ node: edge.from, message: `${quoted(edge.from.name)} leads on (${edge.label})` })) ?? [],
                });
            }
        },
    },
});
