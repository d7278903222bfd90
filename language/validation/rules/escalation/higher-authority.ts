import type { AstNode } from 'langium';
import { isEscalation, isTeam, type Escalation, type Party, type Step } from '../../../generated/ast.js';
import { defineRule, type RelatedNode, type Report } from '../../rule.js';
import { effectiveAuthority, partiesOverlap } from '../../../analysis/governance.js';
import { authorityLabel, chainStart, escalationReferencesOf, handlerNoun, handlersOf, memberRelated, stepNoun } from '../../../analysis/escalation.js';
import { isAiParty } from '../../../analysis/governance.js';
import { quoted } from '../../../util/names.js';
import { joinCapped } from '../../../analysis/caps.js';
import { levelRelated } from '../../../analysis/authority.js';

/**
 * G19: an escalation goes up. From a step, the first party it reaches outranks everyone who
 * handles the step; along a chain, every level outranks the one before. Teams count with
 * their members (`effectiveAuthority`): no higher than the most senior member as a target, as
 * high as the most senior member as the party escalated from.
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
        const first: Party | undefined = isEscalation(target) ? chainStart(target, 1)[0]?.party : target;
        // Escalating to the step's own handlers, or people among them, is escalation/target-not-reviewer's finding.
        if (!first || isAiParty(first) || handlers.some((handler) => partiesOverlap(handler, first))) continue;
        const firstLabel = authorityLabel(first, 'target');
        const via = isEscalation(target) ? `${quoted(target.name)}, whose first level is ${firstLabel}` : firstLabel;
        const related: RelatedNode[] = [
            { node: first as AstNode, message: firstLabel },
            ...memberRelated(first, 'target'),
            ...handlers.flatMap((h) => [{ node: h as AstNode, message: `${noun} ${authorityLabel(h, 'handler')}` }, ...memberRelated(h, 'handler')]),
        ];
        const firstAuthority = effectiveAuthority(first, 'target').value;
        if (firstAuthority === undefined) {
            report({
                node: reference.node,
                property: 'target',
                message: `${stepNoun(step)} ${quoted(step.name)} escalates to ${via}, so the escalation cannot be shown to go above the ${noun}; add 'authority <n>' to ${quoted(first.name)}.`,
                related,
            });
            continue;
        }
        const unranked = handlers.filter((h) => effectiveAuthority(h, 'handler').value === undefined);
        if (unranked.length > 0) {
            report({
                node: reference.node,
                property: 'target',
                message: `${stepNoun(step)} ${quoted(step.name)} escalates to ${via}, but its ${noun} ${joinCapped(unranked.map((h) => quoted(h.name)))} declares no authority, so the escalation cannot be shown to go higher; add 'authority <n>' to ${joinCapped(unranked.map((h) => quoted(h.name)))}.`,
                related,
            });
            continue;
        }
        const authority = (party: Party) => effectiveAuthority(party, 'handler').value!;
        const highest = handlers.reduce((a, b) => (authority(b) > authority(a) ? b : a));
        if (firstAuthority <= authority(highest)) {
            report({
                node: reference.node,
                property: 'target',
                message: `${stepNoun(step)} ${quoted(step.name)} escalates to ${via}, not above its ${noun} ${authorityLabel(highest, 'handler')}; escalate to a party with authority above ${authority(highest)}.`,
                related,
            });
        }
    }
}

function checkChain(escalation: Escalation, report: Report): void {
    // Its own levels and the first one it hands over to: the rest are checked where they are written.
    const levels = chainStart(escalation, escalation.levels.length + 1);
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
        // A level is reached as a target and handled before the next one is reached.
        const authority = effectiveAuthority(party, 'target').value;
        if (authority === undefined) {
            if (written) {
                const none = isTeam(party) ? 'which declares no authority, nor does any of its members' : 'which declares no authority';
                report({
                    node,
                    property: 'target',
                    message: `Escalation ${quoted(escalation.name)} escalates to ${quoted(party.name)}, ${none}, so the chain cannot be shown to go higher; add 'authority <n>' to ${quoted(party.name)}.`,
                    related: [{ node: party, message: `${quoted(party.name)} declares no authority` }],
                });
            }
            return;
        }
        const previous = index > 0 ? levels[index - 1] : undefined;
        const before = previous?.party;
        if (!previous || !before || isAiParty(before)) return;
        const beforeAuthority = effectiveAuthority(before, 'handler').value;
        if (beforeAuthority === undefined) return;
        if (authority <= beforeAuthority) {
            const from = authorityLabel(before, 'handler');
            const to = authorityLabel(party, 'target');
            report({
                node,
                property: 'target',
                message: handsOver
                    ? `Escalation ${quoted(escalation.name)} hands over on timeout to ${quoted(level.escalation.name)}, which starts at ${to}: not above its last level ${from}; every step of an escalation goes higher.`
                    : `Escalation ${quoted(escalation.name)} goes from ${from} to ${to}, which is not higher; order the levels by rising authority.`,
                related: [levelRelated(previous, index - 1), levelRelated(level, index), ...memberRelated(before, 'handler'), ...memberRelated(party, 'target')],
            });
        }
    });
}
