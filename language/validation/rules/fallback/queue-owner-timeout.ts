import { isHumanParty, workflowOf } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { isZeroDuration } from '../../../analysis/governed-values.js';

/** G23: a manual queue is somebody's, and items do not sit in it forever. */
export const queuesMustHaveOwnerAndTimeout = defineRule({
    code: 'fallback/queue-owner-timeout',
    title: 'Manual queues have an owner and a timeout',
    severity: 'error',
    requirements: ['G23'],
    checks: {
        ManualQueue: (queue, report) => {
            const owner = workflowOf(queue)?.owner?.$refText ?? '<Role>';
            const missing = [queue.owner ? undefined : `'owner ${owner}'`, queue.timeout ? undefined : "'timeout <duration>'"].filter(Boolean);
            if (missing.length > 0) {
                report({
                    node: queue,
                    property: 'name',
                    message: `Manual queue ${quoted(queue.name)} has no ${missing.length === 2 ? 'owner and no timeout' : queue.owner ? 'timeout' : 'owner'}, so items can wait in it unnoticed; add ${missing.join(' and ')}.`,
                });
            }
            for (const property of ['timeout', 'sla'] as const) {
                if (!isZeroDuration(queue[property])) continue;
                const meaning = property === 'timeout' ? 'items time out the moment they arrive, before anyone can work them' : 'every item is overdue the moment it arrives';
                report({
                    node: queue,
                    property,
                    evidence: 'presence',
                    message: `Manual queue ${quoted(queue.name)} has '${property} ${queue[property]}', so ${meaning}; write how long people have, such as '${property} 2d'.`,
                });
            }
            const party = queue.owner?.ref;
            if (party && !isHumanParty(party)) {
                report({
                    node: queue,
                    property: 'owner',
                    message: `Manual queue ${quoted(queue.name)} is owned by AI actor ${quoted(party.name)}; a manual queue is worked by people: name a role or team.`,
                });
            }
        },
    },
});
