import { isOutcome } from '../../../generated/ast.js';
import { flowGraphOf } from '../../../analysis/flow-graph.js';
import { defineRule } from '../../rule.js';

/** A step with no way out strands every item that reaches it: no result is ever recorded. */
export const stepsMustLeadSomewhere = defineRule({
    code: 'flow/dead-end',
    title: 'Every step that is not an outcome leads somewhere',
    severity: 'error',
    requirements: ['G23'],
    sources: [],
    checks: {
        Workflow: (workflow, report) => {
            const graph = flowGraphOf(workflow);
            for (const step of graph.steps) {
                if (isOutcome(step) || (graph.outgoing.get(step)?.length ?? 0) > 0) continue;
                // A gate that only pauses or escalates on timeout still needs outcome routes.
                report({
                    node: step,
                    property: 'name',
                    message: `Step '${step.name}' has no route out; add 'then <Step>', 'on <event> -> <Step>' or end the path in an outcome.`,
                });
            }
        },
    },
});
