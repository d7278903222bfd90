import { isQuantity, isWhenRoute, type Quantity } from '../../../generated/ast.js';
import { defineRule } from '../../rule.js';
import { documentNodes } from '../../../analysis/document-nodes.js';
import { governingRule, isOutsideUnitRange, isOverAHundredPercent, quantityText } from '../../../analysis/governed-values.js';

/**
 * A percentage above 100% where no requirement reads it (a route's probability, a condition's
 * literal), and a route's probability outside 0 to 1 however it is written (`probability 20`
 * means 2000%, not 20%). Thresholds, rates and metrics are judged by the governance rule that
 * reads them.
 */
export const percentagesMustBeInRange = defineRule({
    code: 'values/percentage-out-of-range',
    title: 'Percentages lie between 0% and 100%, probabilities between 0 and 1',
    severity: 'error',
    requirements: [],
    evidence: 'presence',
    checks: {
        HitlFile: (file, report) => {
            for (const node of documentNodes(file).ofKind(isQuantity)) {
                if (governingRule(node.$container, node.$containerProperty)) continue;
                if (isRouteProbability(node) && node.unit !== '%' && isOutsideUnitRange(node)) {
                    report({ node, message: `'probability ${quantityText(node)}' is more than certain; write a share such as 'probability ${node.value}%' or a fraction from 0 to 1.` });
                } else if (isOverAHundredPercent(node)) {
                    report({ node, message: `${node.value}% is more than 100%; write a share from 0% to 100%.` });
                }
            }
        },
    },
});

function isRouteProbability(quantity: Quantity): boolean {
    return isWhenRoute(quantity.$container) && quantity.$containerProperty === 'probability';
}
