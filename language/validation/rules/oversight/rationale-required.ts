import { defineRule } from '../../rule.js';
import { hasAiStep } from '../../../analysis/oversight.js';
import { highRiskDecisionFedBy } from '../../../analysis/reviewer-context.js';
import { quoted } from '../../../util/names.js';

export const highRiskGatesMustRequireRationale = defineRule({
    code: 'oversight/rationale-required',
    title: 'A gate on the way to a high-risk decision requires a written rationale',
    severity: 'error',
    requirements: ['G05'],
    checks: {
        Gate: (gate, report) => {
            if (gate.rationaleRequired || !hasAiStep(gate.$container)) return;
            const decision = highRiskDecisionFedBy(gate);
            if (!decision) return;
            report({
                node: gate,
                property: 'name',
                message: `Gate ${quoted(gate.name)} leads to high-risk decision ${quoted(decision.name)} (risk ${decision.risk}) but does not declare 'rationale required'; add it so every reviewer writes down why they accepted or changed the AI's suggestion.`,
            });
        },
    },
});
