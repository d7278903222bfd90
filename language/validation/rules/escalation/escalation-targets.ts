import type { AstNode } from 'langium';
import { isEscalation, isTeam, type Escalation, type EscalationLevel, type EscalationRule, type Party, type Step } from '../../../generated/ast.js';
import { defineRule, type Report } from '../../rule.js';
import { channelsOf, chainOf, escalationReferencesOf, handlerNoun, handlersOf, isAiParty, stepNoun } from './escalation-facts.js';
import { levelRelated } from './escalations-must-go-higher.js';
import { quoted } from '../../../util/names.js';
import { isZeroDuration } from '../values/governed-values.js';

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

/** G20: escalating to the person who already holds the item is no escalation. */
export const escalationTargetsMustNotBeTheReviewer = defineRule({
    code: 'escalation/target-not-reviewer',
    title: 'An escalation does not go back to the original reviewer',
    severity: 'error',
    requirements: ['G20'],
    checks: {
        Gate: (gate, report) => checkStep(gate, report),
        ManualQueue: (queue, report) => checkStep(queue, report),
    },
});

function checkStep(step: Step, report: Report): void {
    const handlers = handlersOf(step);
    if (handlers.length === 0) return;
    const noun = handlerNoun(step);
    for (const reference of escalationReferencesOf(step)) {
        const target = reference.target;
        if (!target) continue;
        if (isEscalation(target)) {
            const levels = chainOf(target).levels;
            const index = levels.findIndex((level) => level.party && overlaps(level.party, handlers));
            if (index < 0) continue;
            const level = levels[index];
            const handler = overlaps(level.party!, handlers)!;
            report({
                node: reference.node,
                property: 'target',
                message: `${stepNoun(step)} ${quoted(step.name)} escalates to ${quoted(target.name)}, whose level ${index + 1} is ${describeOverlap(level.party!, handler)}, the ${noun} it escalates from; escalate to a chain that starts above ${quoted(handler.name)} (or skip that level with another escalation).`,
                related: [levelRelated(level, index), { node: handler as AstNode, message: `${noun} ${quoted(handler.name)}` }],
            });
        } else {
            const handler = overlaps(target, handlers);
            if (!handler) continue;
            report({
                node: reference.node,
                property: 'target',
                message: `${stepNoun(step)} ${quoted(step.name)} escalates to ${describeOverlap(target, handler)}, its own ${noun}; escalate to someone else of higher authority.`,
                related: [{ node: handler, message: `${noun} ${quoted(handler.name)}` }],
            });
        }
    }
}

/** The handler a party is, or has as a team member. */
function overlaps(party: Party, handlers: readonly Party[]): Party | undefined {
    if (handlers.includes(party)) return party;
    if (isTeam(party)) return handlers.find((h) => party.members.some((m) => m.ref === h));
    return undefined;
}

function describeOverlap(party: Party, handler: Party): string {
    return party === handler ? `${quoted(party.name)}` : `team ${quoted(party.name)}, which includes ${quoted(handler.name)}`;
}
