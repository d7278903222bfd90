import { decisionsFedBy } from '../../../analysis/governance.js';
import type { AiStep, Quantity } from '../../../generated/ast.js';
import { defineRule, type Report } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { isOutsideUnitRange, isZeroQuantity, quantityText } from '../../../analysis/governed-values.js';

/** G22: "low confidence" means something only once the threshold is written down. */
export const aiStepsMustDeclareAConfidenceThreshold = defineRule({
    code: 'fallback/confidence-threshold',
    title: 'AI steps that feed a decision declare a confidence threshold above 0 and at most 1',
    severity: 'error',
    requirements: ['G22'],
    checks: {
        AiStep: (step, report) => {
            if (step.threshold) {
                checkThresholdValue(step, step.threshold, report);
                return;
            }
            const decisions = decisionsFedBy(step);
            if (decisions.length === 0) return;
            report({
                node: step,
                property: 'name',
                message: `AI step ${quoted(step.name)} feeds decision ${quoted(decisions[0].name)} but declares no confidence threshold, so 'low confidence' is undefined; add 'confidence threshold <0..1>' (for example 0.8) and an 'on low-confidence' route.`,
                related: decisions.map((d) => ({ node: d, message: `decision ${quoted(d.name)} is fed by ${quoted(step.name)}` })),
            });
        },
    },
});

/**
 * A threshold is a share of certainty: above 1 no output reaches it, so every item is "low
 * confidence"; at 0 every output clears it, so the low-confidence branch never runs. Either way
 * the threshold no longer separates what a person must look at. Reported wherever written.
 */
function checkThresholdValue(step: AiStep, threshold: Quantity, report: Report): void {
    const text = quantityText(threshold);
    let meaning: string | undefined;
    if (isOutsideUnitRange(threshold)) meaning = `above 1 (100%): no output is that confident, so every item takes the low-confidence branch and the threshold separates nothing`;
    else if (isZeroQuantity(threshold)) meaning = `so every output clears it and nothing ever takes the low-confidence branch`;
    if (!meaning) return;
    report({
        node: step,
        property: 'threshold',
        evidence: 'presence',
        message: `Confidence threshold of ${quoted(step.name)} is ${text}, ${meaning}; write a value above 0 and at most 1 (or 100%), such as 0.8.`,
    });
}
