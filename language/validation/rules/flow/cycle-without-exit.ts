import { isOutcome } from '../../../generated/ast.js';
import { flowGraphOf, stronglyConnectedComponents } from '../../../analysis/flow-graph.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

export const cyclesMustHaveAnExit = defineRule({
    code: 'flow/cycle-without-exit',
    title: 'Every loop has a way out',
    severity: 'error',
    requirements: ['G23'],
    checks: {
        Workflow: (workflow, report) => {
            const graph = flowGraphOf(workflow);
            for (const component of stronglyConnectedComponents(graph)) {
                const members = new Set(component);
                const first = component[0];
                const loops = component.length > 1 || (graph.outgoing.get(first) ?? []).some((edge) => edge.to === first);
                if (!loops || component.some(isOutcome)) continue;
                const exits = component.some((step) => (graph.outgoing.get(step) ?? []).some((edge) => !members.has(edge.to)));
                if (exits) continue;
                const cycle = [...component.map((step) => step.name), first.name].join(' → ');
                report({
                    node: first,
                    property: 'name',
                    message: `Loop ${cycle} has no route out, so items circle forever; add a route from one of these steps to an outcome or an escalation.`,
                    related: component.slice(1).map((step) => ({ node: step, message: `${quoted(step.name)} is part of the loop` })),
                });
            }
        },
    },
});
