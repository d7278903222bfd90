import { isGrant, type Grant, type Party, type Workflow } from '../generated/ast.js';
import { partiesIn, peopleOf } from './governance.js';
import { dutiesOf, type Duty } from './duties.js';
import { partiesReferencedIn } from './parties.js';

/** Permissions the rule does not check: the workflow does not say who configures or exports. */
const UNCHECKED = new Set(['configure', 'export']);

/** Who uses each permission: the people (and teams) a duty using it reaches, through team membership. */
export interface PermissionUse {
    readonly usedBy: ReadonlyMap<string, ReadonlySet<Party>>;
    /** The duties each party has, itself or through a team it belongs to. */
    readonly dutiesOf: ReadonlyMap<Party, readonly Duty[]>;
    /** Everyone a party with a duty or a mention in the workflow (outside its grants) stands for, for `view` and `read`. */
    readonly involved: ReadonlySet<Party>;
}

export function permissionUseOf(workflow: Workflow): PermissionUse {
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
