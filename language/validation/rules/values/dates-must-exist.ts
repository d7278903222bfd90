import { CstUtils, isLeafCstNode } from 'langium';
import { defineRule } from '../../rule.js';
import { parseDate } from '../../../util/quantities.js';

export const datesMustExist = defineRule({
    code: 'values/invalid-date',
    title: 'Dates are real calendar dates',
    severity: 'error',
    requirements: ['G15', 'G39'],
    evidence: 'presence',
    checks: {
        HitlFile: (file, report) => {
            for (const leaf of CstUtils.streamCst(file.$cstNode!)) {
                if (isLeafCstNode(leaf) && leaf.tokenType.name === 'DATE' && parseDate(leaf.text) === undefined) {
                    report({ node: leaf.astNode, range: leaf.range, message: `'${leaf.text}' is not a calendar date; write YYYY-MM-DD, such as 2027-03-31.` });
                }
            }
        },
    },
});
