import { defineRule } from '../../rule.js';
import { quantityValue } from '../../../util/quantities.js';
import { quoted } from '../../../util/names.js';

export const confidenceMustBeInRange = defineRule({
    code: 'values/confidence-out-of-range',
    title: 'Confidence thresholds lie between 0 and 1',
    severity: 'error',
    requirements: ['G22'],
    evidence: 'presence',
    checks: {
        AiStep: (step, report) => {
            if (!step.threshold) return;
            const value = quantityValue(step.threshold);
            if (value < 0 || value > 1) {
                report({
                    node: step,
                    property: 'threshold',
                    message: `Confidence threshold of ${quoted(step.name)} is ${step.threshold.$cstNode?.text ?? value}; write a value from 0 to 1 (or 0% to 100%), such as 0.8.`,
                });
            }
        },
    },
});
