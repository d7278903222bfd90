import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { highRiskDecisionFedBy } from '../../../analysis/reviewer-context.js';

export const highRiskAiStepsMustExplain = defineRule({
    code: 'oversight/explanation-required',
    title: 'An AI step that feeds a high-risk decision produces an explanation',
    severity: 'error',
    requirements: ['G04'],
    checks: {
        AiStep: (step, report) => {
            if (step.explanationRequired) return;
            const decision = highRiskDecisionFedBy(step);
            if (!decision) return;
            report({
                node: step,
                property: 'name',
                message: `AI step ${quoted(step.name)} feeds high-risk decision ${quoted(decision.name)} (risk ${decision.risk}) but does not declare 'explanation required'; add it so reviewers see why the model suggested what it did.`,
            });
        },
    },
});
