import type { AstNode } from 'langium';
import { documentNodes } from '../../../analysis/document-nodes.js';
import { isRaci, isRole, isStep, isTeam, type Party } from '../../../generated/ast.js';
import { defineRule } from '../../rule.js';
import { partyKindLabel } from '../../../analysis/oversight.js';
import { partiesIn } from '../../../analysis/governance.js';
import { quoted } from '../../../util/names.js';

/** A role with a channel; a team with one, or whose people all have one. */
export function isReachable(party: Party): boolean {
    if (isRole(party)) return party.channels.length > 0;
    if (isTeam(party)) {
        if (party.channels.length > 0) return true;
        const roles = [...partiesIn(party)].filter(isRole);
        return roles.length > 0 && roles.every((role) => role.channels.length > 0);
    }
    return true; // AI actors are not informed through channels
}

export const informedPartiesShouldBeReachable = defineRule({
    code: 'raci/informed-reachable',
    title: 'Parties to be informed, and incident notice recipients, have a channel',
    severity: 'warning',
    requirements: ['G12'],
    checks: {
        Workflow: (workflow, report) => {
            const seen = new Set<Party>();
            const check = (party: Party | undefined, node: AstNode, property: string, index: number | undefined, what: string, fix: string) => {
                if (!party || seen.has(party) || isReachable(party)) return;
                seen.add(party);
                report({
                    node,
                    property: property as never,
                    index,
                    message: `${partyKindLabel(party)} ${what} but has no channel to reach it; ${fix}.`,
                    related: [{ node: party, message: `${partyKindLabel(party)} is declared here` }],
                });
            };
            for (const raci of documentNodes(workflow).within(workflow).filter(isRaci)) {
                const step = raci.$container;
                raci.informed.forEach((party, index) =>
                    check(party.ref, raci, 'informed', index, `is informed about step ${quoted(isStep(step) ? step.name : undefined)}`, `add 'channel <Channel>' to ${quoted(party.ref?.name)}`),
                );
            }
            for (const notice of workflow.incident?.notices ?? []) {
                if (notice.channel) continue;
                check(notice.party?.ref, notice, 'party', undefined, 'is to be notified of incidents', `add 'via <Channel>' to the notice, or 'channel <Channel>' to ${quoted(notice.party?.ref?.name)}`);
            }
        },
    },
});
