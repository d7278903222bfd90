import { AstUtils } from 'langium';
import { isQuantity } from '../../../generated/ast.js';
import { defineRule } from '../../rule.js';
import { governingRule, isOverAHundredPercent } from '../../../analysis/governed-values.js';

/**
 * A percentage above 100% where no requirement reads it (a route's probability, a condition's
 * literal). Thresholds, rates and metrics are judged by the governance rule that reads them.
 */
export const percentagesMustBeInRange = defineRule({
    code: 'values/percentage-out-of-range',
    title: 'Percentages lie between 0% and 100%',
    severity: 'error',
    requirements: [],
    evidence: 'presence',
    checks: {
        HitlFile: (file, report) => {
            for (const node of AstUtils.streamAllContents(file)) {
                if (!isQuantity(node) || !isOverAHundredPercent(node) || governingRule(node.$container, node.$containerProperty)) continue;
                report({ node, message: `${node.value}% is more than 100%; write a share from 0% to 100%.` });
            }
        },
    },
});
