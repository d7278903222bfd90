import { isDecision, isEffect, isEscalation, isEventRoute, isGate, isGrant, type EscalationTarget, type Gate, type Grant, type Party, type Workflow } from '../../../generated/ast.js';
import { defineRule } from '../../rule.js';
import { partiesOverlap } from '../../../analysis/governance.js';
import { actsAs, includesAi, partiesReferencedIn } from './parties.js';
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

/** The people a gate's items escalate to: they review the item in the reviewer's place. */
function escalationTargetsOf(gate: Gate): Party[] {
    const targets: Party[] = [];
    const add = (target: EscalationTarget | undefined) => {
        if (isEscalation(target)) {
            for (const level of target.levels) if (level.target?.ref) targets.push(level.target.ref);
        } else if (target) {
            targets.push(target);
        }
    };
    for (const rule of gate.escalations) add(rule.target?.ref);
    for (const route of gate.routes) if (isEventRoute(route) && route.action?.kind === 'escalate') add(route.action.target?.ref);
    return targets;
}

/** What a party must do in the workflow for a permission to be used; undefined when not checked. */
function duty(workflow: Workflow, permission: string): { holders: Party[]; what: string } | undefined {
    const steps = workflow.steps;
    const refs = (parties: ReadonlyArray<{ ref?: Party }>) => parties.map((p) => p.ref).filter((p): p is Party => !!p);
    switch (permission) {
        case 'approve':
        case 'override':
        case 'reject':
        case 'edit':
            return { holders: steps.filter(isGate).flatMap((gate) => [...refs(gate.reviewers), ...escalationTargetsOf(gate)]), what: 'reviews no gate and receives no gate escalation' };
        case 'veto':
            return { holders: refs(steps.filter(isDecision).map((d) => d.veto ?? {})), what: 'holds no veto on a decision' };
        case 'halt':
            return { holders: refs(workflow.stop?.owners ?? []), what: "is not an owner of the workflow's stop control" };
        case 'execute':
        case 'publish': {
            const kinds = permission === 'execute' ? ['execute', 'commit'] : ['publish', 'notify'];
            const effects = steps.filter(isEffect).filter((effect) => effect.kind && kinds.includes(effect.kind));
            return { holders: effects.flatMap((effect) => refs(effect.raci?.responsible ?? [])), what: `is responsible for no ${kinds.join(' or ')} effect` };
        }
        case 'retrain':
            return { holders: refs(workflow.feedback?.retrainingApprover ? [workflow.feedback.retrainingApprover] : []), what: 'does not approve retraining' };
        default:
            return undefined;
    }
}

export const permissionsShouldBeUsed = defineRule({
    code: 'security/least-privilege',
    title: 'A party holds no permission that none of its steps uses',
    severity: 'warning',
    requirements: ['G36'],
    checks: {
        AccessSpec: (access, report) => {
            const workflow = access.$container;
            let referenced: Set<Party> | undefined;
            for (const grant of access.grants) {
                const party = grant.party?.ref;
                if (!party) continue;
                grant.permissions.forEach((permission, index) => {
                    if (permission === 'view' || permission === 'read') {
                        referenced ??= partiesReferencedIn(workflow, (node) => isGrant(node));
                        if ([...referenced].some((used) => partiesOverlap(party, used))) return;
                        report(finding(grant, index, party, permission, `plays no part in workflow ${quoted(workflow.name)}`));
                        return;
                    }
                    const needed = duty(workflow, permission);
                    if (!needed || needed.holders.some((holder) => actsAs(party, holder))) return;
                    report(finding(grant, index, party, permission, needed.what));
                });
            }
        },
    },
});

function finding(grant: Grant, index: number, party: Party, permission: string, what: string) {
    return {
        node: grant,
        property: 'permissions' as const,
        index,
        message: `${quoted(party.name)} is allowed '${permission}' but ${what}; remove '${permission}' from 'allow ${party.name}', or give ${quoted(party.name)} the duty that needs it.`,
    };
}
