import { isOutcome } from '../../../generated/ast.js';
import { describePath, flowGraphOf, shownEdges, ShortestPaths } from '../../../analysis/flow-graph.js';
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
            let paths: ShortestPaths | undefined;
            for (const step of graph.steps) {
                if (isOutcome(step) || (graph.outgoing.get(step)?.length ?? 0) > 0) continue;
                // A gate that only pauses or escalates on timeout still needs outcome routes.
                paths ??= graph.start && new ShortestPaths(graph, graph.start);
                const path = paths?.pathTo(step);
                const via = path ? `; items reach it along ${describePath(path)}` : '';
                report({
                    node: step,
                    property: 'name',
                    message: `Step ${quoted(step.name)} has no route out, so items stop there without a result${via}. Add 'then <Step>', 'on <event> -> <Step>' or end the path in an outcome.`,
                    related: path ? shownEdges(path).map((edge) => ({ node: edge.from, message: `${quoted(edge.from.name)} leads on (${edge.label})` })) : [],
                });
            }
        },
    },
});
