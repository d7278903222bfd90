import type { AstNode } from 'langium';
import { isEscalation, type Escalation, type EscalationLevel, type EscalationRule, type Party, type Step } from '../../../generated/ast.js';
import { defineRule, type RelatedNode, type Report } from '../../rule.js';
import { overlapOf } from '../../../analysis/governance.js';
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

/**
 * G20: escalating to the person who already holds the item is no escalation. A team stands for
 * its members, through nested teams: a target that is the handler, holds it, belongs to it or
 * shares a member with it reaches the same people.
 */
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
            const index = levels.findIndex((level) => level.party && sameAsHandler(level.party, handlers));
            if (index < 0) continue;
            const level = levels[index];
            const { handler, overlap } = sameAsHandler(level.party!, handlers)!;
            report({
                node: reference.node,
                property: 'target',
                message: `${stepNoun(step)} ${quoted(step.name)} escalates to ${quoted(target.name)}, whose level ${index + 1} is ${describeOverlap(level.party!, handler, overlap, noun)}: the same people it escalates from; escalate to a chain whose levels are all other people than ${quoted(handler.name)} (or skip that level with another escalation).`,
                related: [levelRelated(level, index), ...overlapRelated(handler, overlap, noun)],
            });
        } else {
            const found = sameAsHandler(target, handlers);
            if (!found) continue;
            report({
                node: reference.node,
                property: 'target',
                message: `${stepNoun(step)} ${quoted(step.name)} escalates to ${describeOverlap(target, found.handler, found.overlap, noun)}: the same people it escalates from; escalate to someone else of higher authority.`,
                related: overlapRelated(found.handler, found.overlap, noun),
            });
        }
    }
}

type Overlap = NonNullable<ReturnType<typeof overlapOf>>;

/** The first handler a party is, holds, belongs to or shares a person with (through nested teams, across files). */
function sameAsHandler(party: Party, handlers: readonly Party[]): { handler: Party; overlap: Overlap } | undefined {
    for (const handler of handlers) {
        const overlap = overlapOf(party, handler);
        if (overlap) return { handler, overlap };
    }
    return undefined;
}

/** The escalation target and how it is the handler, from the target's side. */
function describeOverlap(party: Party, handler: Party, overlap: Overlap, noun: string): string {
    switch (overlap.relation) {
        case 'same':
            return `${quoted(party.name)}, its own ${noun}`;
        case 'holds':
            return `team ${quoted(party.name)}, which includes its own ${noun} ${quoted(handler.name)}`;
        case 'member':
            return `${quoted(party.name)}, a member of its own ${noun} team ${quoted(handler.name)}`;
        case 'shares':
            return `team ${quoted(party.name)}, which shares ${quoted(overlap.shared.name)} with its own ${noun} team ${quoted(handler.name)}`;
    }
}

function overlapRelated(handler: Party, overlap: Overlap, noun: string): RelatedNode[] {
    const related: RelatedNode[] = [{ node: handler as AstNode, message: `${noun} ${quoted(handler.name)}` }];
    if (overlap.relation === 'shares') related.push({ node: overlap.shared as AstNode, message: `${quoted(overlap.shared.name)}, in both teams` });
    return related;
}
