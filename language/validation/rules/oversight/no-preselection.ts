import { defineRule } from '../../rule.js';
import { aiStepsReviewedBy } from '../../../analysis/oversight.js';
import { highRiskDecisionFedBy } from '../../../analysis/reviewer-context.js';
import { quoted } from '../../../util/names.js';

export const highRiskGatesMustNotPreselect = defineRule({
    code: 'oversight/no-preselection',
    title: "A gate on the way to a high-risk decision does not pre-select the AI's suggestion",
    severity: 'error',
    requirements: ['G05'],
    checks: {
        Gate: (gate, report) => {
            if (gate.noPreselection) return;
            const reviewed = aiStepsReviewedBy(gate);
            if (reviewed.length === 0) return;
            const decision = highRiskDecisionFedBy(gate);
            if (!decision) return;
            report({
                node: gate,
                property: 'name',
                message: `Gate ${quoted(gate.name)} reviews AI step ${quoted(reviewed[0].name)} on the way to high-risk decision ${quoted(decision.name)} but does not declare 'no preselection'; add it so the reviewer's answer is not pre-filled with the AI's (automation bias).`,
            });
        },
    },
});
