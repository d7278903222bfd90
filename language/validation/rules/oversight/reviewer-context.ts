import { defineRule } from '../../rule.js';
import { aiStepsReviewedBy } from '../../../analysis/oversight.js';
import { quoted } from '../../../util/names.js';
import { REQUIRED_SHOWN_ITEMS, missingShownItems } from '../../../analysis/reviewer-context.js';

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
