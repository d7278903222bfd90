import type { AstNode } from 'langium';
import { isEscalation, type Escalation, type Party, type Step } from '../../../generated/ast.js';
import { defineRule, type Report } from '../../rule.js';
import {
    authorityOf,
    chainOf,
    escalationReferencesOf,
    handlerNoun,
    handlersOf,
    isAiParty,
    partyLabel,
    stepNoun,
    type ChainLevel,
} from './escalation-facts.js';
import { quoted } from '../../../util/names.js';

/**
 * G19: an escalation goes up. From a step, the first party it reaches outranks everyone who
 * handles the step; along a chain, every level outranks the one before.
 */
export const escalationsMustGoHigher = defineRule({
    code: 'escalation/higher-authority',
    title: 'Escalations go to a party of higher authority',
    severity: 'error',
    requirements: ['G19'],
    checks: {
        Gate: (gate, report) => checkStep(gate, report),
        ManualQueue: (queue, report) => checkStep(queue, report),
        Escalation: (escalation, report) => checkChain(escalation, report),
    },
});

function checkStep(step: Step, report: Report): void {
    const handlers = handlersOf(step);
    if (handlers.length === 0) return;
    const noun = handlerNoun(step);
    for (const reference of escalationReferencesOf(step)) {
        const target = reference.target;
        if (!target) continue;
        const first: Party | undefined = isEscalation(target) ? chainOf(target).levels[0]?.party : target;
        // Escalating to the step's own handler is escalation/target-not-reviewer's finding.
        if (!first || handlers.includes(first) || isAiParty(first)) continue;
        const via = isEscalation(target) ? `${quoted(target.name)}, whose first level is ${partyLabel(first)}` : partyLabel(first);
        const related = [{ node: first as AstNode, message: `${partyLabel(first)}` }, ...handlers.map((h) => ({ node: h as AstNode, message: `${noun} ${partyLabel(h)}` }))];
        const firstAuthority = authorityOf(first);
        if (firstAuthority === undefined) {
            report({
                node: reference.node,
                property: 'target',
                message: `${stepNoun(step)} ${quoted(step.name)} escalates to ${via}, so the escalation cannot be shown to go above the ${noun}; add 'authority <n>' to ${quoted(first.name)}.`,
                related,
            });
            continue;
        }
        const unranked = handlers.filter((h) => authorityOf(h) === undefined);
        if (unranked.length > 0) {
            report({
                node: reference.node,
                property: 'target',
                message: `${stepNoun(step)} ${quoted(step.name)} escalates to ${via}, but its ${noun} ${unranked.map((h) => `${quoted(h.name)}`).join(', ')} declares no authority, so the escalation cannot be shown to go higher; add 'authority <n>' to ${unranked.map((h) => `${quoted(h.name)}`).join(', ')}.`,
                related,
            });
            continue;
        }
        const highest = handlers.reduce((a, b) => (authorityOf(b)! > authorityOf(a)! ? b : a));
        if (firstAuthority <= authorityOf(highest)!) {
            report({
                node: reference.node,
                property: 'target',
                message: `${stepNoun(step)} ${quoted(step.name)} escalates to ${via}, not above its ${noun} ${partyLabel(highest)}; escalate to a party with authority above ${authorityOf(highest)}.`,
                related,
            });
        }
    }
}

function checkChain(escalation: Escalation, report: Report): void {
    const { levels } = chainOf(escalation);
    const seen = new Set<Party>();
    levels.forEach((level, index) => {
        const party = level.party;
        if (!party) return;
        const repeated = seen.has(party);
        seen.add(party);
        // Repeats are escalation/chain-terminates' finding; levels written elsewhere are checked there.
        if (repeated) return;
        const written = level.escalation === escalation;
        const handsOver = !written && index > 0 && levels[index - 1].escalation === escalation;
        if (!written && !handsOver) return;
        const node = written ? level.node : escalation.onTimeout!;
        if (isAiParty(party)) {
            if (written) {
                report({
                    node,
                    property: 'target',
                    message: `Escalation ${quoted(escalation.name)} escalates to AI actor ${quoted(party.name)}; an escalation goes to people: name a role or team of higher authority.`,
                });
            }
            return;
        }
        const authority = authorityOf(party);
        if (authority === undefined) {
            if (written) {
                report({
                    node,
                    property: 'target',
                    message: `Escalation ${quoted(escalation.name)} escalates to ${quoted(party.name)}, which declares no authority, so the chain cannot be shown to go higher; add 'authority <n>' to ${quoted(party.name)}.`,
                    related: [{ node: party, message: `${quoted(party.name)} declares no authority` }],
                });
            }
            return;
        }
        const previous = index > 0 ? levels[index - 1] : undefined;
        const before = previous?.party;
        const beforeAuthority = authorityOf(before);
        if (!previous || !before || beforeAuthority === undefined || isAiParty(before)) return;
        if (authority <= beforeAuthority) {
            report({
                node,
                property: 'target',
                message: handsOver
                    ? `Escalation ${quoted(escalation.name)} hands over on timeout to ${quoted(level.escalation.name)}, which starts at ${partyLabel(party)}: not above its last level ${partyLabel(before)}; every step of an escalation goes higher.`
                    : `Escalation ${quoted(escalation.name)} goes from ${partyLabel(before)} to ${partyLabel(party)}, which is not higher; order the levels by rising authority.`,
                related: [levelRelated(previous, index - 1), levelRelated(level, index)],
            });
        }
    });
}

export function levelRelated(level: ChainLevel, index: number): { node: AstNode; message: string } {
    return { node: level.node, message: `level ${index + 1}: ${level.party ? partyLabel(level.party) : `${quoted(level.name)}`}` };
}
