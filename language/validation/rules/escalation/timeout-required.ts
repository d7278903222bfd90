import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { isZeroDuration } from '../../../analysis/governed-values.js';
import { failClosedAction, timeoutRoutesOf } from '../../../analysis/timeouts.js';

/** G18: a reviewer who never answers must not hold an item forever. */
export const gatesMustTimeOut = defineRule({
    code: 'escalation/timeout-required',
    title: 'Every gate has an SLA and an on-timeout action',
    severity: 'error',
    requirements: ['G18'],
    checks: {
        Gate: (gate, report) => {
            const hasAction = timeoutRoutesOf(gate).length > 0 || gate.escalations.some((rule) => rule.triggers.includes('timeout'));
            const action = `'on timeout ${failClosedAction(gate)}'`;
            if (isZeroDuration(gate.sla)) {
                // An SLA of zero is written, so the finding stands in a file with syntax errors too.
                report({
                    node: gate,
                    property: 'sla',
                    evidence: 'presence',
                    message: `Gate ${quoted(gate.name)} has 'sla ${gate.sla}', so it times out the moment an item arrives and its timeout action, not the reviewer, settles every item; write the time a reviewer needs, such as 'sla 4h'.`,
                });
            }
            if (!gate.sla && !hasAction) {
                report({
                    node: gate,
                    property: 'name',
                    message: `Gate ${quoted(gate.name)} has no 'sla' and no 'on timeout' action, so an item nobody reviews waits forever; add 'sla <duration>' and ${action} (fail closed).`,
                });
            } else if (!gate.sla) {
                report({
                    node: gate,
                    property: 'name',
                    message: `Gate ${quoted(gate.name)} has an 'on timeout' action but no 'sla', so it never times out; add 'sla <duration>'.`,
                });
            } else if (!hasAction) {
                report({
                    node: gate,
                    property: 'name',
                    message: `Gate ${quoted(gate.name)} has 'sla ${gate.sla}' but no 'on timeout' action, so nobody knows what happens when it passes; add ${action} (fail closed).`,
                });
            }
        },
    },
});
