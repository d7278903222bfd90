import { AstUtils } from 'langium';
import { isQuantity } from '../../../generated/ast.js';
import { defineRule } from '../../rule.js';

export const percentagesMustBeInRange = defineRule({
    code: 'values/percentage-out-of-range',
    title: 'Percentages lie between 0% and 100%',
    severity: 'error',
    requirements: [],
    evidence: 'presence',
    checks: {
        HitlFile: (file, report) => {
            for (const node of AstUtils.streamAllContents(file)) {
                if (isQuantity(node) && node.unit === '%' && node.value > 100) {
                    report({ node, message: `${node.value}% is more than 100%; write a share from 0% to 100%.` });
                }
            }
        },
    },
});
