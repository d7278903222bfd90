import type { AstNode } from 'langium';
import { isDecision, isGate, isManualQueue } from '../../../generated/ast.js';
import type { AppealExemption, Decision, Party, Step, Workflow } from '../../../generated/ast.js';
import { aiStepsOf, decisionsOf, isHumanParty } from '../../../analysis/governance.js';
import { defineRule, type Report } from '../../rule.js';
import { partiesOverlap } from '../../../analysis/governance.js';
import { quoted } from '../../../util/names.js';

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

/** The parts people play in a workflow's steps that make them party to its decisions. */
export function involvementsOf(workflow: Workflow): Array<{ party: Party; step: Step; role: string; node: AstNode }> {
    const involvements: Array<{ party: Party; step: Step; role: string; node: AstNode }> = [];
    for (const step of workflow.steps) {
        if (isGate(step)) {
            for (const reviewer of step.reviewers) if (reviewer.ref) involvements.push({ party: reviewer.ref, step, role: `reviews gate ${quoted(step.name)}`, node: step });
        } else if (isManualQueue(step)) {
            if (step.owner?.ref) involvements.push({ party: step.owner.ref, step, role: `owns queue ${quoted(step.name)}`, node: step });
        } else if (isDecision(step)) {
            if (step.decidedBy?.ref) involvements.push({ party: step.decidedBy.ref, step, role: `decides ${quoted(step.name)}`, node: step });
            if (step.veto?.ref) involvements.push({ party: step.veto.ref, step, role: `holds the veto on ${quoted(step.name)}`, node: step });
        }
    }
    return involvements;
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
            const conflicts = involvementsOf(workflow).filter((involvement) => partiesOverlap(reviewer, involvement.party));
            if (conflicts.length === 0) return;
            const described = conflicts.map((c) => (c.party === reviewer ? c.role : `${c.role} (as ${quoted(c.party.name)})`));
            report({
                node: appeal,
                property: 'reviewer',
                message: `Appeal reviewer ${quoted(reviewer.name)} is not independent: it ${described.join(', ')}; name a person or team that takes no part in the workflow's reviews and decisions.`,
                related: conflicts.map((c) => ({ node: c.node, message: `${quoted(c.party.name)} ${c.role}` })),
            });
        },
    },
});
