import type { AstNode } from 'langium';
import { isEscalation, type Party, type Step } from '../../../generated/ast.js';
import { defineRule, type RelatedNode, type Report } from '../../rule.js';
import { overlapOf } from '../../../analysis/governance.js';
import { chainOf, escalationReferencesOf, handlerNoun, handlersOf, stepNoun } from '../../../analysis/escalation.js';
import { levelRelated } from '../../../analysis/authority.js';
import { quoted } from '../../../util/names.js';

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
