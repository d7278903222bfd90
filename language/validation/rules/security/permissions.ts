import { isGrant, type Gate, type Grant, type Party, type Workflow } from '../../../generated/ast.js';
import { defineRule, type RelatedNode } from '../../rule.js';
import { partiesIn, peopleOf } from '../../../analysis/governance.js';
import { joinList } from '../escalation/escalation-facts.js';
import { dutiesOf, REVIEW_PERMISSIONS, type Duty } from './duties.js';
import { includesAi, partiesReferencedIn } from './parties.js';
import { quoted } from '../../../util/names.js';

/** Permissions that let their holder decide in people's place. */
export const APPROVAL_PERMISSIONS = new Set(['approve', 'override', 'reject', 'veto']);

function aiNote(party: Party): string {
    return party.$type === 'AiActor' ? `${quoted(party.name)} is an AI actor` : `team ${quoted(party.name)} includes an AI actor`;
}

export const aiActorsMustNotApprove = defineRule({
    code: 'security/ai-approval-rights',
    title: 'An AI actor never holds approve, override, reject or veto rights',
    severity: 'error',
    requirements: ['G36'],
    evidence: 'presence',
    checks: {
        Grant: (grant, report) => {
            const party = grant.party?.ref;
            if (!party || !includesAi(party)) return;
            grant.permissions.forEach((permission, index) => {
                if (!APPROVAL_PERMISSIONS.has(permission)) return;
                report({
                    node: grant,
                    property: 'permissions',
                    index,
                    message: `${aiNote(party)} and is allowed '${permission}'; only people approve, override, reject or veto: remove '${permission}' from 'allow ${party.name}'.`,
                });
            });
        },
        Gate: (gate, report) => {
            gate.reviewers.forEach((reviewer, index) => {
                const party = reviewer.ref;
                if (!party || !includesAi(party)) return;
                report({
                    node: gate,
                    property: 'reviewers',
                    index,
                    message: `Gate ${quoted(gate.name)} is reviewed by ${quoted(party.name)}, but ${aiNote(party)}; a gate's reviewer is a person: 'reviewer <Role>'.`,
                });
            });
        },
        Decision: (decision, report) => {
            const party = decision.veto?.ref;
            if (!party || !includesAi(party)) return;
            report({
                node: decision,
                property: 'veto',
                message: `Decision ${quoted(decision.name)} gives its veto to ${quoted(party.name)}, but ${aiNote(party)}; the veto belongs to a person: 'veto <Role>'.`,
            });
        },
    },
});

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

/** Permissions the rule does not check: the workflow does not say who configures or exports. */
const UNCHECKED = new Set(['configure', 'export']);

/** Who uses each permission: the people (and teams) a duty using it reaches, through team membership. */
interface PermissionUse {
    readonly usedBy: ReadonlyMap<string, ReadonlySet<Party>>;
    /** The duties each party has, itself or through a team it belongs to. */
    readonly dutiesOf: ReadonlyMap<Party, readonly Duty[]>;
    /** Everyone a party with a duty or a mention in the workflow (outside its grants) stands for, for `view` and `read`. */
    readonly involved: ReadonlySet<Party>;
}

function permissionUseOf(workflow: Workflow): PermissionUse {
    const usedBy = new Map<string, Set<Party>>();
    const dutiesByParty = new Map<Party, Duty[]>();
    const involved = new Set<Party>();
    for (const party of partiesReferencedIn(workflow, (node) => isGrant(node))) for (const member of partiesIn(party)) involved.add(member);
    for (const duty of dutiesOf(workflow)) {
        const people = partiesIn(duty.party);
        for (const party of people) {
            involved.add(party);
            let duties = dutiesByParty.get(party);
            if (!duties) dutiesByParty.set(party, (duties = []));
            duties.push(duty);
        }
        for (const permission of duty.permissions) {
            let parties = usedBy.get(permission);
            if (!parties) usedBy.set(permission, (parties = new Set()));
            for (const party of people) parties.add(party);
        }
    }
    return { usedBy, dutiesOf: dutiesByParty, involved };
}

/**
 * For a granted permission, the people it reaches (a team's grant reaches every member, through
 * nested teams) and those of them with no duty that uses it; undefined when not checked.
 * `view` and `read` are used by anyone who plays any part, or shares a member with one.
 */
export function unusedGrant(grant: Grant, permission: string, use: PermissionUse = permissionUseOf(grant.$container.$container)): { people: Party[]; unused: Party[] } | undefined {
    const party = grant.party?.ref;
    if (!party || UNCHECKED.has(permission)) return undefined;
    if (permission === 'view' || permission === 'read') {
        const used = [...partiesIn(party)].some((member) => use.involved.has(member));
        return { people: [party], unused: used ? [] : [party] };
    }
    const people = peopleOf(party);
    const usedBy = use.usedBy.get(permission);
    return { people, unused: people.filter((person) => !usedBy?.has(person)) };
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
            message: `Team ${quoted(party.name)} is allowed '${permission}', which reaches ${names.length === 1 ? 'its member' : 'its members'} ${joinList(names)} too, but ${names.length === 1 ? 'that member' : 'those members'} ${missingDuty(permission)}${hint}; only ${joinList(users)} ${users.length === 1 ? 'needs' : 'need'} it: grant '${permission}' to ${users.length === 1 ? 'that member' : 'those members'} instead of the team.`,
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
    return ` (${joinList(described)})`;
}

/** The duties that use the permission among a team's members, as related locations (a few). */
function relatedDuties(permission: string, people: readonly Party[], use: PermissionUse): RelatedNode[] {
    const duties = new Set<Duty>();
    for (const person of people) for (const duty of use.dutiesOf.get(person) ?? []) if (duty.permissions.includes(permission)) duties.add(duty);
    return [...duties].slice(0, 5).map((duty) => ({ node: duty.node, message: `${quoted(duty.party.name)} ${duty.what}` }));
}
