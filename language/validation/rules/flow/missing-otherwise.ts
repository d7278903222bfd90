import { isOtherwiseRoute, isOutcome, isThenRoute, isWhenRoute } from '../../../generated/ast.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

/** When no condition holds an item has nowhere to go; 'otherwise' says where it goes. */
export const branchesShouldHaveOtherwise = defineRule({
    code: 'flow/missing-otherwise',
    title: 'Conditional branches end with otherwise',
    severity: 'warning',
    requirements: ['G23'],
    checks: {
        Workflow: (workflow, report) => {
            for (const step of workflow.steps) {
                if (isOutcome(step)) continue;
                const whens = step.routes.filter(isWhenRoute);
                if (whens.length === 0 || step.routes.some((r) => isOtherwiseRoute(r) || isThenRoute(r))) continue;
                report({
                    node: whens[whens.length - 1],
                    message: `${quoted(step.name)} branches on conditions but has no 'otherwise -> <Step>' for items that match none of them.`,
                });
            }
        },
    },
});
