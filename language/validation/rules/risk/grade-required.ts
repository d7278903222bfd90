import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

/** G14: nothing else about a decision's oversight can be judged until its risk is graded. */
export const decisionsMustBeGraded = defineRule({
    code: 'risk/grade-required',
    title: 'Every decision has a risk grade',
    severity: 'error',
    requirements: ['G14'],
    checks: {
        Decision: (decision, report) => {
            if (decision.risk) return;
            report({
                node: decision,
                property: 'name',
                message: `Decision ${quoted(decision.name)} has no risk grade, so the rules that depend on risk cannot be applied to it; add 'risk low', 'risk medium', 'risk high' or 'risk critical'.`,
            });
        },
    },
});
