import { CstUtils, isLeafCstNode } from 'langium';
import { defineRule } from '../../rule.js';
import { parseDuration } from '../../../util/quantities.js';

/** A zero timeout or SLA means "immediately": a timeout that fires before anyone can act. */
export const durationsMustBePositive = defineRule({
    code: 'values/non-positive-duration',
    title: 'Durations are longer than zero',
    severity: 'error',
    requirements: ['G18', 'G23'],
    evidence: 'presence',
    checks: {
        HitlFile: (file, report) => {
            for (const leaf of CstUtils.streamCst(file.$cstNode!)) {
                if (!isLeafCstNode(leaf) || leaf.tokenType.name !== 'DURATION') continue;
                const duration = parseDuration(leaf.text);
                if (duration !== undefined && duration.milliseconds <= 0) {
                    report({ node: leaf.astNode, range: leaf.range, message: `Duration '${leaf.text}' is zero; write a positive duration such as 4h or 2d.` });
                }
            }
        },
    },
});
