import { isEscalation, type Escalation, type EscalationLevel, type EscalationRule } from '../../../generated/ast.js';
import { defineRule, type Report } from '../../rule.js';
import { channelsOf, escalationReferencesOf, stepNoun } from '../../../analysis/escalation.js';
import { isAiParty } from '../../../analysis/governance.js';
import { quoted } from '../../../util/names.js';
import { isZeroDuration } from '../../../analysis/governed-values.js';

/** G20: whoever an item is escalated to can actually be told. */
export const escalationTargetsMustBeReachable = defineRule({
    code: 'escalation/target-reachable',
    title: 'Escalation targets can be reached: through a channel, with time to answer',
    severity: 'error',
    requirements: ['G20'],
    checks: {
        Step: (step, report) => {
            for (const reference of escalationReferencesOf(step)) {
                if (!reference.named) {
                    report({
                        node: reference.node,
                        keyword: 'escalate',
                        message: `${stepNoun(step)} ${quoted(step.name)} says '${reference.phrase}' without naming to whom, so nobody is told; write '${reference.phrase} to <Escalation>'.`,
                    });
                    continue;
                }
                const target = reference.target;
                if (!target || isEscalation(target) || channelsOf(target).length > 0) continue;
                report({
                    node: reference.node,
                    property: 'target',
                    message: `${stepNoun(step)} ${quoted(step.name)} escalates to ${quoted(target.name)}, which has no channel, so nobody can be reached; add 'channel <Channel>' to ${quoted(target.name)}, or escalate to an escalation whose levels say 'via <Channel>'.`,
                    related: [{ node: target, message: `${quoted(target.name)} declares no channel` }],
                });
            }
        },
        EscalationRule: checkRuleDeadline,
        EscalationLevel: checkLevelDeadline,
        Escalation: (escalation, report) => {
            for (const level of escalation.levels) {
                const party = level.target?.ref;
                if (!party || isAiParty(party) || level.channel || channelsOf(party).length > 0) continue;
                report({
                    node: level,
                    property: 'target',
                    message: `Escalation ${quoted(escalation.name)} goes to ${quoted(party.name)} with no way to reach them: the level has no 'via <Channel>' and ${quoted(party.name)} declares no channel; write 'to ${party.name} via <Channel>'.`,
                    related: [{ node: party, message: `${quoted(party.name)} declares no channel` }],
                });
            }
            const handOver = escalation.onTimeout;
            const next = handOver?.kind === 'escalate' ? handOver.target?.ref : undefined;
            if (handOver && next && !isEscalation(next) && channelsOf(next).length === 0) {
                report({
                    node: handOver,
                    property: 'target',
                    message: `Escalation ${quoted(escalation.name)} hands over on timeout to ${quoted(next.name)}, which has no channel, so nobody can be reached; add 'channel <Channel>' to ${quoted(next.name)}.`,
                    related: [{ node: next, message: `${quoted(next.name)} declares no channel` }],
                });
            }
        },
    },
});

/** What happens to an item after level `index` of `escalation` times out, for messages. */
function afterLevel(escalation: Escalation, index: number): string {
    const next = escalation.levels[index + 1];
    if (next) return `goes straight on to ${quoted(next.target?.$refText ?? 'the next level')}`;
    const action = escalation.onTimeout;
    if (!action) return 'waits with nobody to answer it';
    if (action.kind === 'escalate') return `is handed over to ${quoted(action.target?.$refText ?? 'the next escalation')}`;
    return `is settled by 'on timeout ${action.kind}'`;
}

/** G20: an escalation given no time to answer reaches nobody in time. */
function checkRuleDeadline(rule: EscalationRule, report: Report): void {
    if (!isZeroDuration(rule.within)) return;
    const step = rule.$container;
    const target = rule.target?.$refText ?? 'its target';
    report({
        node: rule,
        property: 'within',
        evidence: 'presence',
        message: `${stepNoun(step)} ${quoted(step.name)} escalates to ${quoted(target)} 'within ${rule.within}', so the escalation expires the moment it is raised and nobody can answer it; give ${quoted(target)} time to act, such as 'within 4h'.`,
    });
}

/** G20: a level given no time to answer is passed over before anyone there can act. */
function checkLevelDeadline(level: EscalationLevel, report: Report): void {
    if (!isZeroDuration(level.within)) return;
    const escalation = level.$container;
    const index = escalation.levels.indexOf(level);
    const party = level.target?.$refText ?? 'this level';
    report({
        node: level,
        property: 'within',
        evidence: 'presence',
        message: `Escalation ${quoted(escalation.name)} gives ${quoted(party)} (level ${index + 1}) 'within ${level.within}', so the level times out the moment it is reached: ${quoted(party)} never gets to act and the item ${afterLevel(escalation, index)}; write 'within 4h' or the time they need.`,
    });
}
