import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

/** G23: every path ends in a terminal state that records what happened. */
export const outcomesMustRecordResult = defineRule({
    code: 'flow/outcome-without-result',
    title: 'Every outcome records a result',
    severity: 'error',
    requirements: ['G23'],
    checks: {
        Outcome: (outcome, report) => {
            if (outcome.result?.trim()) return;
            report({
                node: outcome,
                property: 'name',
                message: `Outcome ${quoted(outcome.name)} records no result, so the audit trail does not say how items that end here ended; add 'result "<what happened>"'.`,
            });
        },
    },
});
