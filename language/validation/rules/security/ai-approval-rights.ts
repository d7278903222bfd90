import type { Party } from '../../../generated/ast.js';
import { defineRule } from '../../rule.js';
import { includesAi } from '../../../analysis/parties.js';
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
