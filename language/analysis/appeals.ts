import type { AstNode } from 'langium';
import type { Party, Workflow } from '../generated/ast.js';
import { overlapOf } from './governance.js';
import { dutiesOf, type DutyKind } from './duties.js';
import { quoted } from '../util/names.js';

/** Duties that make a party part of the decisions appealed against. */
const DECIDING_DUTIES: ReadonlySet<DutyKind> = new Set(['reviewer', 'queue-owner', 'escalation', 'decider', 'veto']);

/**
 * The parts people play in a workflow's steps that make them party to its decisions: gate
 * reviewers, queue owners, every level of the escalation chains its steps reach (through
 * hand-overs, across files), deciders and veto holders.
 */
export function involvementsOf(workflow: Workflow): Array<{ party: Party; role: string; node: AstNode }> {
    return dutiesOf(workflow)
        .filter((duty) => DECIDING_DUTIES.has(duty.kind))
        .map((duty) => ({ party: duty.party, role: duty.what, node: duty.node }));
}

/** How the appeal reviewer is the party with a duty, when it is not that party itself. */
export function through(reviewer: Party, party: Party): string {
    const overlap = overlapOf(reviewer, party);
    switch (overlap?.relation) {
        case 'holds':
            return ` (through its member ${quoted(party.name)})`;
        case 'member':
            return ` (as a member of team ${quoted(party.name)})`;
        case 'shares':
            return ` (through ${quoted(overlap.shared.name)}, also in team ${quoted(party.name)})`;
        default:
            return '';
    }
}
