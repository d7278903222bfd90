import type { AppealExemption, Decision, Workflow } from '../../../generated/ast.js';
import { aiStepsOf, decisionsOf, isHumanParty } from '../../../analysis/governance.js';
import { defineRule, type Report } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { joinCapped } from '../../../analysis/caps.js';
import { isImpossibleDate, isZeroDuration } from '../../../analysis/governed-values.js';

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
                    message: `Workflow ${quoted(workflow.name)} has decisions that affect user rights (${joinCapped(decisions.map((d) => quoted(d.name)))}) but no appeal; add 'appeal { channel <Channel> reviewer <independent Role> sla 14d explanation "…" }'.`,
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
