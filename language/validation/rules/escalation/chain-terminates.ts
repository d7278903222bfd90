import type { Party } from '../../../generated/ast.js';
import { defineRule } from '../../rule.js';
import { chainOf, describeChain, hasFinalAuthority, partyLabel } from '../../../analysis/escalation.js';
import { levelRelated } from '../../../analysis/authority.js';
import { quoted } from '../../../util/names.js';

/** Beyond this many levels an escalation is a relay race, not an answer. */
export const MAX_CHAIN_LEVELS = 5;

/**
 * G19: an escalation chain ends. It never returns to someone already on it, it is at most five
 * levels deep, and its last level can decide for good (`final authority`).
 */
export const chainsMustTerminate = defineRule({
    code: 'escalation/chain-terminates',
    title: 'Escalation chains end at a final authority, without cycles, at most five levels deep',
    severity: 'error',
    requirements: ['G19'],
    checks: {
        Escalation: (escalation, report) => {
            const { levels, escalations, loopsBackTo } = chainOf(escalation);
            const related = levels.map(levelRelated);
            if (levels.length === 0) {
                report({
                    node: escalation,
                    property: 'name',
                    message: `Escalation ${quoted(escalation.name)} names nobody; add levels such as 'to <Role> via <Channel> within <duration>', ending at a role with 'final authority'.`,
                });
                return;
            }
            const chain = describeChain(levels);
            if (loopsBackTo) {
                const handOvers = [...escalations.map((e) => e.name), loopsBackTo.name].join(' → ');
                report({
                    node: escalation,
                    property: 'name',
                    message: `Escalation ${quoted(escalation.name)} never ends: its timeouts hand over ${handOvers}, so items go round ${chain} → ${levels[0].name} … forever; end one of them with 'on timeout deny' or 'pause', or at a role with 'final authority'.`,
                    related,
                });
            }
            const firstIndex = new Map<Party, number>();
            for (const [index, level] of levels.entries()) {
                if (!level.party) continue;
                const earlier = firstIndex.get(level.party);
                if (earlier !== undefined) {
                    report({
                        node: escalation,
                        property: 'name',
                        message: `Escalation ${quoted(escalation.name)} comes back to ${quoted(level.name)} (levels ${earlier + 1} and ${index + 1}): ${chain}. A chain never returns to someone already on it; remove the repeated level.`,
                        related: [levelRelated(levels[earlier], earlier), levelRelated(level, index)],
                    });
                    break;
                }
                firstIndex.set(level.party, index);
            }
            if (levels.length > MAX_CHAIN_LEVELS) {
                report({
                    node: escalation,
                    property: 'name',
                    message: `Escalation ${quoted(escalation.name)} is ${levels.length} levels deep (${chain}); keep it to at most ${MAX_CHAIN_LEVELS} so an item reaches someone who can decide in time.`,
                    related,
                });
            }
            const last = levels[levels.length - 1];
            if (!loopsBackTo && last.party && !hasFinalAuthority(last.party)) {
                report({
                    node: escalation,
                    property: 'name',
                    message: `Escalation ${quoted(escalation.name)} ends at ${partyLabel(last.party)}, who has no final authority: ${chain}. End the chain at a role with 'final authority', or add 'final authority' to ${quoted(last.name)}.`,
                    related,
                });
            }
        },
    },
});
