import type { Gate, Grant, Party, Workflow } from '../../../generated/ast.js';
import { defineRule, type RelatedNode } from '../../rule.js';
import { joinList, quoted } from '../../../util/names.js';
import { shownItems } from '../../../analysis/caps.js';
import { REVIEW_PERMISSIONS, type Duty } from '../../../analysis/duties.js';
import { type PermissionUse, permissionUseOf, unusedGrant } from '../../../analysis/permissions.js';

/** What a party with no duty using a permission fails to do, for messages. */
function missingDuty(permission: string): string {
    switch (permission) {
        case 'approve':
        case 'override':
        case 'reject':
            return `reviews no gate that allows '${permission}', is on no escalation from such a gate, a queue or another step, owns no manual queue, decides no decision and hears no appeal`;
        case 'edit':
            return "reviews no gate that allows 'edit', is on no escalation from such a gate, a queue or another step, and owns no manual queue";
        case 'veto':
            return 'holds no veto on a decision';
        case 'halt':
            return "is not an owner of the workflow's stop control";
        case 'execute':
            return 'is responsible for no execute or commit effect';
        case 'publish':
            return 'is responsible for no publish or notify effect';
        case 'retrain':
            return 'does not approve retraining';
        default:
            return 'has no duty that uses it';
    }
}

export const permissionsShouldBeUsed = defineRule({
    code: 'security/least-privilege',
    title: 'A party holds no permission that none of its duties uses',
    severity: 'warning',
    requirements: ['G36'],
    checks: {
        AccessSpec: (access, report) => {
            const workflow = access.$container;
            // Every duty of the workflow once, then each grant is a look-up.
            const use = permissionUseOf(workflow);
            for (const grant of access.grants) {
                const party = grant.party?.ref;
                if (!party) continue;
                grant.permissions.forEach((permission, index) => {
                    const result = unusedGrant(grant, permission, use);
                    if (!result || result.unused.length === 0) return;
                    report(finding(workflow, grant, index, party, permission, result, use));
                });
            }
        },
    },
});

function finding(workflow: Workflow, grant: Grant, index: number, party: Party, permission: string, result: { people: Party[]; unused: Party[] }, use: PermissionUse) {
    const base = { node: grant, property: 'permissions' as const, index };
    if (permission === 'view' || permission === 'read') {
        return { ...base, message: `${quoted(party.name)} is allowed '${permission}' but plays no part in workflow ${quoted(workflow.name)}; remove '${permission}' from 'allow ${party.name}', or give ${quoted(party.name)} the duty that needs it.` };
    }
    const hint = (REVIEW_PERMISSIONS as readonly string[]).includes(permission) ? narrowerGates(permission, result.unused, use) : '';
    if (result.unused.length < result.people.length) {
        const names = result.unused.map((p) => quoted(p.name));
        const users = result.people.filter((p) => !result.unused.includes(p)).map((p) => quoted(p.name));
        return {
            ...base,
            message: `Team ${quoted(party.name)} is allowed '${permission}', which reaches ${names.length === 1 ? 'its member' : 'its members'} ${joinList(shownItems(names))} too, but ${names.length === 1 ? 'that member' : 'those members'} ${missingDuty(permission)}${hint}; only ${joinList(users)} ${users.length === 1 ? 'needs' : 'need'} it: grant '${permission}' to ${users.length === 1 ? 'that member' : 'those members'} instead of the team.`,
            related: relatedDuties(permission, result.people, use),
        };
    }
    return {
        ...base,
        message: `${quoted(party.name)} is allowed '${permission}' but ${missingDuty(permission)}${hint}; remove '${permission}' from 'allow ${party.name}', or give ${quoted(party.name)} the duty that needs it.`,
    };
}

/** `(gate 'X' allows only approve, reject)`: why a reviewer's or escalation level's duty does not use the permission. */
function narrowerGates(permission: string, people: readonly Party[], use: PermissionUse): string {
    const gates = new Set<Gate>();
    for (const person of people) {
        for (const duty of use.dutiesOf.get(person) ?? []) if (duty.gate && !duty.permissions.includes(permission)) gates.add(duty.gate);
    }
    if (gates.size === 0) return '';
    const described = [...gates].map((gate) => `gate ${quoted(gate.name)} allows only ${gate.allows.join(', ')}`);
    return ` (${joinList(shownItems(described))})`;
}

/** The duties that use the permission among a team's members, as related locations (a few). */
function relatedDuties(permission: string, people: readonly Party[], use: PermissionUse): RelatedNode[] {
    const duties = new Set<Duty>();
    for (const person of people) for (const duty of use.dutiesOf.get(person) ?? []) if (duty.permissions.includes(permission)) duties.add(duty);
    return [...duties].slice(0, 5).map((duty) => ({ node: duty.node, message: `${quoted(duty.party.name)} ${duty.what}` }));
}
