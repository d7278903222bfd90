import { isHighRisk, isHighRiskWorkflow, isHumanParty, decisionsOf } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { joinList, quoted } from '../../../util/names.js';
import { joinCapped } from '../../../analysis/caps.js';

/** G15: a high-risk workflow goes live only on the strength of a recorded review. */
export const highRiskWorkflowsMustBeReviewed = defineRule({
    code: 'risk/pre-deployment-review',
    title: 'High-risk workflows reference a complete pre-deployment review',
    severity: 'error',
    requirements: ['G15'],
    checks: {
        Workflow: (workflow, report) => {
            if (!isHighRiskWorkflow(workflow)) return;
            const highRisk = decisionsOf(workflow).filter((d) => isHighRisk(d.risk));
            if (workflow.reviews.length === 0) {
                report({
                    node: workflow,
                    property: 'name',
                    message: `Workflow ${quoted(workflow.name)} is high risk (${joinCapped(highRisk.map((d) => `${quoted(d.name)} risk ${d.risk}`))}) but references no pre-deployment review; add 'pre-deployment review "<id>" { approver <Role> date YYYY-MM-DD conclusion approved expires YYYY-MM-DD }'.`,
                    related: highRisk.map((d) => ({ node: d, message: `decision ${quoted(d.name)} is risk ${d.risk}` })),
                });
                return;
            }
            for (const review of workflow.reviews) {
                const missing = [
                    review.id?.trim() ? undefined : 'id',
                    review.approver ? undefined : "'approver <Role>'",
                    review.date ? undefined : "'date YYYY-MM-DD'",
                    review.conclusion ? undefined : "'conclusion approved|approved-with-conditions|rejected'",
                    review.expires ? undefined : "'expires YYYY-MM-DD'",
                ].filter((m): m is string => m !== undefined);
                if (missing.length > 0) {
                    report({
                        node: review,
                        keyword: 'pre-deployment',
                        message: `Pre-deployment review "${review.id}" of high-risk workflow ${quoted(workflow.name)} has no ${joinList(missing, 'or')}; a review is evidence only with its id, approver, date, conclusion and expiry.`,
                    });
                    continue;
                }
                const approver = review.approver?.ref;
                if (approver && !isHumanParty(approver)) {
                    report({
                        node: review,
                        property: 'approver',
                        message: `Pre-deployment review "${review.id}" is approved by AI actor ${quoted(approver.name)}; a review is approved by people: name a role or team.`,
                    });
                }
            }
        },
    },
});
