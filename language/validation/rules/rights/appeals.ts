import type { AstNode } from 'langium';
import type { AppealExemption, Decision, Party, Workflow } from '../../../generated/ast.js';
import { aiStepsOf, decisionsOf, isHumanParty } from '../../../analysis/governance.js';
import { defineRule, type Report } from '../../rule.js';
import { overlapOf, partiesOverlap } from '../../../analysis/governance.js';
import { dutiesOf, type DutyKind } from '../security/duties.js';
import { quoted } from '../../../util/names.js';
import { isImpossibleDate, isZeroDuration } from '../values/governed-values.js';

/** What an appeal needs; the explanation of the AI's role only where there is AI. */
export function missingAppealParts(workflow: Workflow): string[] {
    const appeal = workflow.appeal;
    if (!appeal) return [];
    const missing: string[] = [];
    if (!appeal.channel) missing.push('channel <Channel>');
    if (!appeal.reviewer) missing.push('reviewer <independent Role>');
    if (!appeal.sla) missing.push('sla <duration>');
    if (aiStepsOf(workflow).length > 0 && !appeal.explanation?.trim()) missing.push('explanation "<the AI\'s role in the decision>"');
    return missing;
}

export const rightsDecisionsMustBeAppealable = defineRule({
    code: 'rights/appeal',
    title: 'Decisions that affect user rights can be appealed to a person, within an SLA, with an explanation',
    severity: 'error',
    requirements: ['G34'],
    checks: {
        // An appeal due in no time cannot be heard, in whatever workflow it is written.
        AppealSpec: (appeal, report) => {
            if (!isZeroDuration(appeal.sla)) return;
            report({
                node: appeal,
                property: 'sla',
                evidence: 'presence',
                message: `Appeals in workflow ${quoted(appeal.$container.name)} are due within 'sla ${appeal.sla}', so no appeal can be heard in time and the SLA promises nothing; write the time a reviewer needs, such as 'sla 14d'.`,
            });
        },
        // An approval date that does not exist dates nothing, on whatever decision it is written.
        AppealExemption: (exemption, report) => {
            if (!isImpossibleDate(exemption.date)) return;
            report({
                node: exemption,
                property: 'date',
                evidence: 'presence',
                message: `The 'no appeal' of decision ${quoted(exemption.$container.name)} is approved 'on ${exemption.date}', which is not a calendar date, so nobody can tell when the exemption was approved; write YYYY-MM-DD, such as 2027-03-31.`,
            });
        },
        Workflow: (workflow, report) => {
            const rightsDecisions = decisionsOf(workflow).filter((decision) => decision.affectsUserRights);
            for (const decision of decisionsOf(workflow)) checkExemption(decision, report);
            // Only a complete exemption lifts the requirement; an incomplete one is reported above.
            const decisions = rightsDecisions.filter((decision) => !isExemptFromAppeal(decision));
            if (decisions.length === 0) return;
            const related = decisions.map((decision) => ({ node: decision, message: `decision ${quoted(decision.name)} affects user rights` }));
            const appeal = workflow.appeal;
            if (!appeal) {
                report({
                    node: workflow,
                    property: 'name',
                    message: `Workflow ${quoted(workflow.name)} has decisions that affect user rights (${decisions.map((d) => `${quoted(d.name)}`).join(', ')}) but no appeal; add 'appeal { channel <Channel> reviewer <independent Role> sla 14d explanation "…" }'.`,
                    related,
                });
                return;
            }
            const missing = missingAppealParts(workflow);
            if (missing.length > 0) {
                report({ node: appeal, keyword: 'appeal', message: `Appeal of workflow ${quoted(workflow.name)} does not declare ${missing.join(', ')}.`, related });
            }
            const reviewer = appeal.reviewer?.ref;
            if (reviewer && !isHumanParty(reviewer)) {
                report({
                    node: appeal,
                    property: 'reviewer',
                    message: `Appeals in workflow ${quoted(workflow.name)} are heard by ${quoted(reviewer.name)}, an AI actor; an appeal is heard by a person: 'reviewer <Role>'.`,
                });
            }
        },
    },
});

/** A decision the law bars from appeal: its exemption gives a reason and a person approved it. */
export function isExemptFromAppeal(decision: Decision): boolean {
    const exemption = decision.appealExemption;
    return exemption !== undefined && missingExemptionParts(exemption).length === 0;
}

function missingExemptionParts(exemption: AppealExemption): string[] {
    const missing: string[] = [];
    if (!exemption.reason?.trim()) missing.push(`'because "<the law that bars telling the person>"'`);
    const approver = exemption.approver?.ref;
    if (!exemption.approver) missing.push(`'approved by <Role>'`);
    else if (approver && !isHumanParty(approver)) missing.push(`a person as approver (${quoted(approver.name)} is an AI actor)`);
    return missing;
}

function checkExemption(decision: Decision, report: Report): void {
    const exemption = decision.appealExemption;
    if (!exemption) return;
    if (!decision.affectsUserRights) {
        report({
            node: exemption,
            keyword: 'appeal',
            message: `Decision ${quoted(decision.name)} declares 'no appeal' but does not affect user rights, so there is no appeal to be exempt from; remove the exemption, or add 'affects user rights' if the decision does.`,
        });
        return;
    }
    const missing = missingExemptionParts(exemption);
    if (missing.length === 0) return;
    report({
        node: exemption,
        keyword: 'appeal',
        message: `Decision ${quoted(decision.name)} is exempt from appeal only with a reason and a person who approved it; its 'no appeal' lacks ${missing.join(' and ')}, so the decision still needs an appeal.`,
    });
}

/** Conflicts named in one finding; the rest are counted. */
const MAX_NAMED = 5;

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

export const appealReviewersMustBeIndependent = defineRule({
    code: 'rights/independent-appeal-reviewer',
    title: 'The appeal reviewer took no part in the decision appealed against',
    severity: 'error',
    requirements: ['G34'],
    checks: {
        AppealSpec: (appeal, report) => {
            const reviewer = appeal.reviewer?.ref;
            const workflow = appeal.$container;
            if (!reviewer || !workflow) return;
            // One conflict per place: a chain reached from several gates is one level, however often reached.
            const places = new Set<AstNode>();
            const conflicts = involvementsOf(workflow).filter((involvement) => partiesOverlap(reviewer, involvement.party) && !places.has(involvement.node) && !!places.add(involvement.node));
            if (conflicts.length === 0) return;
            const described = conflicts.slice(0, MAX_NAMED).map((c) => `${c.role}${through(reviewer, c.party)}`);
            if (conflicts.length > MAX_NAMED) described.push(`and ${conflicts.length - MAX_NAMED} more`);
            report({
                node: appeal,
                property: 'reviewer',
                message: `Appeal reviewer ${quoted(reviewer.name)} is not independent: it ${described.join(', ')}; name a person or team that takes no part in the workflow's reviews and decisions.`,
                related: conflicts.slice(0, MAX_NAMED).map((c) => ({ node: c.node, message: `${quoted(c.party.name)} ${c.role}` })),
            });
        },
    },
});

/** How the appeal reviewer is the party with a duty, when it is not that party itself. */
function through(reviewer: Party, party: Party): string {
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
