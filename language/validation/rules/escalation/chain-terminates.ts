import { WorkspaceCache } from 'langium';
import type { Escalation, Party } from '../../../generated/ast.js';
import { defineRule, type RelatedNode, type Report } from '../../rule.js';
import { chainOf, chainOutline, describeChain, describeOutline, hasFinalAuthority, outlineLevel, outlineLevels, partyLabel, type ChainLevel, type ChainOutline } from '../../../analysis/escalation.js';
import { joinShown, shownPositions } from '../../../analysis/caps.js';
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
    // Chains share their ends: each escalation's outline is built on the one it hands over to.
    checks: (services) => {
        const outlines = new WorkspaceCache<Escalation, ChainOutline | null>(services.shared);
        return {
            Escalation: (escalation, report) => {
                const outline = chainOutline(escalation, outlines);
                if (outline) checkOutline(escalation, outline, report);
                else checkLoop(escalation, report);
            },
        };
    },
});

/** The levels a finding shows, each as a related location: a long chain's first and last. */
function shownRelated(length: number, levelAt: (index: number) => ChainLevel): RelatedNode[] {
    return shownPositions(length).flatMap((index) => (index === undefined ? [] : [levelRelated(levelAt(index), index)]));
}

function checkLoop(escalation: Escalation, report: Report): void {
    const { levels, escalations, loopsBackTo } = chainOf(escalation);
    if (levels.length === 0) return reportEmpty(escalation, report);
    const handOvers = joinShown(escalations.length + 1, (index) => (escalations[index] ?? loopsBackTo!).name, 'escalations');
    report({
        node: escalation,
        property: 'name',
        message: `Escalation ${quoted(escalation.name)} never ends: its timeouts hand over ${handOvers}, so items go round ${describeChain(levels)} → ${levels[0].name} … forever; end one of them with 'on timeout deny' or 'pause', or at a role with 'final authority'.`,
        related: shownRelated(levels.length, (index) => levels[index]),
    });
    checkLevels(escalation, levels.length, levels, describeChain(levels), (index) => levels[index], report);
}

function checkOutline(escalation: Escalation, outline: ChainOutline, report: Report): void {
    if (outline.length === 0) return reportEmpty(escalation, report);
    checkLevels(escalation, outline.length, outlineLevels(outline), describeOutline(outline), (index) => outlineLevel(outline, index)!, report, outline.tail[outline.tail.length - 1]);
}

function reportEmpty(escalation: Escalation, report: Report): void {
    report({
        node: escalation,
        property: 'name',
        message: `Escalation ${quoted(escalation.name)} names nobody; add levels such as 'to <Role> via <Channel> within <duration>', ending at a role with 'final authority'.`,
    });
}

/**
 * A level that comes back, a chain too deep, a last level without final authority. `levels`
 * is read only up to the first repeated party, so a deep chain of few parties costs little.
 * `last` is given for a chain that does not loop (a looping chain has no last level).
 */
function checkLevels(escalation: Escalation, length: number, levels: Iterable<ChainLevel>, chain: string, levelAt: (index: number) => ChainLevel, report: Report, last?: ChainLevel): void {
    const firstIndex = new Map<Party, number>();
    let index = 0;
    for (const level of levels) {
        if (level.party) {
            const earlier = firstIndex.get(level.party);
            if (earlier !== undefined) {
                report({
                    node: escalation,
                    property: 'name',
                    message: `Escalation ${quoted(escalation.name)} comes back to ${quoted(level.name)} (levels ${earlier + 1} and ${index + 1}): ${chain}. A chain never returns to someone already on it; remove the repeated level.`,
                    related: [levelRelated(levelAt(earlier), earlier), levelRelated(level, index)],
                });
                break;
            }
            firstIndex.set(level.party, index);
        }
        index++;
    }
    if (length > MAX_CHAIN_LEVELS) {
        report({
            node: escalation,
            property: 'name',
            message: `Escalation ${quoted(escalation.name)} is ${length} levels deep (${chain}); keep it to at most ${MAX_CHAIN_LEVELS} so an item reaches someone who can decide in time.`,
            related: shownRelated(length, levelAt),
        });
    }
    if (last?.party && !hasFinalAuthority(last.party)) {
        report({
            node: escalation,
            property: 'name',
            message: `Escalation ${quoted(escalation.name)} ends at ${partyLabel(last.party)}, who has no final authority: ${chain}. End the chain at a role with 'final authority', or add 'final authority' to ${quoted(last.name)}.`,
            related: shownRelated(length, levelAt),
        });
    }
}
