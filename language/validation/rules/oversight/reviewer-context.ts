import type { Decision, Step } from '../../../generated/ast.js';
import { decisionsFedBy, isHighRisk } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { aiStepsReviewedBy } from './oversight-facts.js';
import { quoted } from '../../../util/names.js';

/** What a reviewer of AI output must see to judge it (G04). */
export const REQUIRED_SHOWN_ITEMS = ['ai-output', 'confidence', 'explanation', 'model-version'] as const;

export function missingShownItems(shows: readonly string[]): string[] {
    return REQUIRED_SHOWN_ITEMS.filter((item) => !shows.includes(item));
}

/** The first high-risk decision a step feeds, if any. */
export function highRiskDecisionFedBy(step: Step): Decision | undefined {
    return decisionsFedBy(step).find((decision) => isHighRisk(decision.risk));
}

export const gatesShouldShowAiContext = defineRule({
    code: 'oversight/reviewer-context',
    title: "A gate reviewing AI output shows the output, its confidence, the explanation and the model version",
    severity: 'warning',
    requirements: ['G04'],
    checks: {
        Gate: (gate, report) => {
            const reviewed = aiStepsReviewedBy(gate);
            if (reviewed.length === 0) return;
            const missing = missingShownItems(gate.shows);
            if (missing.length === 0) return;
            report({
                node: gate,
                ...(gate.shows.length > 0 ? { keyword: 'shows' } : { property: 'name' as const }),
                message: `Gate ${quoted(gate.name)} reviews the output of AI step ${quoted(reviewed[0].name)} but does not show ${missing.join(', ')}; add ${gate.shows.length > 0 ? 'them to its \'shows\' list' : `'shows ${REQUIRED_SHOWN_ITEMS.join(', ')}'`} so the reviewer can judge the suggestion.`,
            });
        },
    },
});

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
