import { defineRule } from '../../rule.js';
import { joinList, quoted } from '../../../util/names.js';
import { missingFallbacks } from '../../../analysis/fallbacks.js';

/** G21: when the model is down, talks nonsense or is unsure, the workflow already knows what to do. */
export const aiStepsMustDeclareFallbacks = defineRule({
    code: 'fallback/ai-fallbacks',
    title: 'AI steps declare fallbacks for unavailable, abnormal output and low confidence',
    severity: 'error',
    requirements: ['G21'],
    checks: {
        AiStep: (step, report) => {
            const missing = missingFallbacks(step);
            if (missing.length === 0) return;
            const lines = missing.map((event) => `'on ${event} -> <ManualQueue or Gate>'`);
            report({
                node: step,
                property: 'name',
                message: `AI step ${quoted(step.name)} does not say what happens when the AI ${joinList(missing.map(describeEvent), 'or')}; add ${joinList(lines)} (manual handling, or a conservative policy: 'on <event> use <Policy> -> <Step>').`,
            });
        },
    },
});

function describeEvent(event: string): string {
    switch (event) {
        case 'unavailable':
            return 'is unavailable';
        case 'abnormal-output':
            return 'returns abnormal output';
        default:
            return 'is unsure (low confidence)';
    }
}
