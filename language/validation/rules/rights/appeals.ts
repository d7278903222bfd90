import type { AstNode } from 'langium';
import { isDecision, isGate, isManualQueue } from '../../../generated/ast.js';
import type { Party, Step, Workflow } from '../../../generated/ast.js';
import { aiStepsOf, decisionsOf, isHumanParty } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { partiesOverlap } from '../../../analysis/governance.js';
import { quoted } from '../../../util/names.js';
import { isZeroDuration } from '../values/governed-values.js';

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
        Workflow: (workflow, report) => {
            const decisions = decisionsOf(workflow).filter((decision) => decision.affectsUserRights);
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
