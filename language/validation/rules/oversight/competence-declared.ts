import type { AstNode } from 'langium';
import { isAiActor, isRole, isTeam, type Escalation, type Party, type TimeoutAction, type Workflow } from '../../../generated/ast.js';
import { defineRule, type Report } from '../../rule.js';
import { partyKindLabel } from '../../../analysis/oversight.js';
import { partiesIn } from '../../../analysis/governance.js';
import { quoted } from '../../../util/names.js';

/** A role declares competence or training; a team does, or else every person in it does. */
export function lacksCompetence(party: Party): Party[] {
    if (isRole(party)) return party.competences.length > 0 || party.trainings.length > 0 ? [] : [party];
    if (isTeam(party)) {
        if (party.competences.length > 0 || party.trainings.length > 0) return [];
        const roles = [...partiesIn(party)].filter(isRole);
        const missing = roles.filter((role) => role.competences.length === 0 && role.trainings.length === 0);
        return roles.length === 0 ? [party] : missing.length > 0 ? missing : [];
    }
    return []; // an AI actor in an oversight role is another rule's finding
}

interface Seat {
    readonly party: Party | undefined;
    readonly node: AstNode;
    readonly property: string;
    readonly index?: number;
    readonly role: string;
}

export const oversightRolesMustDeclareCompetence = defineRule({
    code: 'oversight/competence-declared',
    title: 'Oversight roles declare the competence or training they need',
    severity: 'error',
    requirements: ['G08'],
    checks: {
        Workflow: (workflow, report) => reportSeats(seatsIn(workflow), report),
        Escalation: (escalation: Escalation, report) =>
            reportSeats(
                escalation.levels.map((level) => ({ party: level.target?.ref, node: level, property: 'target', role: `is an escalation target in ${quoted(escalation.name)}` })),
                report,
            ),
    },
});

function seatsIn(workflow: Workflow): Seat[] {
    const seats: Seat[] = [];
    const timeout = (action: TimeoutAction | undefined, where: string) => {
        const target = action?.target?.ref;
        if (isRole(target) || isTeam(target)) seats.push({ party: target, node: action!, property: 'target', role: `is the timeout escalation target of '${where}'` });
    };
    for (const step of workflow.steps) {
        if (step.$type === 'Gate') {
            step.reviewers.forEach((reviewer, index) => seats.push({ party: reviewer.ref, node: step, property: 'reviewers', index, role: `reviews gate ${quoted(step.name)}` }));
        }
        if (step.$type === 'ManualQueue') seats.push({ party: step.owner?.ref, node: step, property: 'owner', role: `owns queue ${quoted(step.name)}` });
        if (step.$type === 'Decision') seats.push({ party: step.veto?.ref, node: step, property: 'veto', role: `holds the veto on decision ${quoted(step.name)}` });
        if (step.$type === 'Gate' || step.$type === 'ManualQueue') {
            for (const rule of step.escalations) {
                const target = rule.target?.ref;
                if (isRole(target) || isTeam(target)) seats.push({ party: target, node: rule, property: 'target', role: `is the escalation target of ${quoted(step.name)}` });
            }
            for (const route of step.routes) if (route.$type === 'EventRoute') timeout(route.action, step.name);
        }
    }
    if (workflow.appeal) seats.push({ party: workflow.appeal.reviewer?.ref, node: workflow.appeal, property: 'reviewer', role: `reviews appeals in workflow ${quoted(workflow.name)}` });
    workflow.stop?.owners.forEach((owner, index) => seats.push({ party: owner.ref, node: workflow.stop!, property: 'owners', index, role: `may stop workflow ${quoted(workflow.name)}` }));
    return seats;
}

/** One finding per party that lacks competence, at its first oversight seat; the others are related. */
function reportSeats(seats: readonly Seat[], report: Report): void {
    const byParty = new Map<Party, Seat[]>();
    for (const seat of seats) {
        if (!seat.party || isAiActor(seat.party)) continue;
        byParty.set(seat.party, [...(byParty.get(seat.party) ?? []), seat]);
    }
    for (const [party, partySeats] of byParty) {
        const missing = lacksCompetence(party);
        if (missing.length === 0) continue;
        const [first, ...others] = partySeats;
        const who = missing.length === 1 && missing[0] === party ? `it declares no competence or training` : `neither the team nor its members ${missing.map((m) => `${quoted(m.name)}`).join(', ')} declare competence or training`;
        report({
            node: first.node,
            property: first.property as never,
            index: first.index,
            message: `${partyKindLabel(party)} ${first.role}${others.length > 0 ? ` (and ${others.length} more oversight ${others.length === 1 ? 'duty' : 'duties'})` : ''}, but ${who}; add 'competence "…"' or 'training "…"' to ${missing.map((m) => `${quoted(m.name)}`).join(', ')}.`,
            related: [{ node: party, message: `${partyKindLabel(party)} is declared here` }, ...others.map((seat) => ({ node: seat.node, message: `${partyKindLabel(party)} ${seat.role}` }))],
        });
    }
}
