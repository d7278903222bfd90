import { flowGraphOf, reachableFrom } from '../../../analysis/flow-graph.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

export const stepsMustBeReachable = defineRule({
    code: 'flow/unreachable-step',
    title: 'Every step can be reached from the start',
    severity: 'error',
    requirements: ['G23'],
    checks: {
        Workflow: (workflow, report) => {
            const graph = flowGraphOf(workflow);
            if (!graph.start) return;
            const reachable = reachableFrom(graph, graph.start);
            for (const step of graph.steps) {
                if (!reachable.has(step)) {
                    report({
                        node: step,
                        property: 'name',
                        message: `Step ${quoted(step.name)} cannot be reached from ${quoted(graph.start.name)}; route to it from another step or remove it.`,
                        related: [{ node: graph.start, message: `the workflow starts at ${quoted(graph.start.name)}` }],
                    });
                }
            }
        },
    },
});
