import { isHighRisk, isHighRiskWorkflow, isHumanParty, decisionsOf } from '../../../analysis/governance.js';
import type { HitlCoreServices } from '../../../hitl-module.js';
import { parseDate } from '../../../util/quantities.js';
import { defineRule } from '../../rule.js';
import { joinList } from '../escalation/escalation-facts.js';
import { quoted } from '../../../util/names.js';
import { isImpossibleDate } from '../values/governed-values.js';

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
                    message: `Workflow ${quoted(workflow.name)} is high risk (${highRisk.map((d) => `${quoted(d.name)} risk ${d.risk}`).join(', ')}) but references no pre-deployment review; add 'pre-deployment review "<id>" { approver <Role> date YYYY-MM-DD conclusion approved expires YYYY-MM-DD }'.`,
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

/** G15: a review that has expired, or that said no, is no permission to run. */
export const reviewsMustBeCurrent = defineRule({
    code: 'risk/review-expired',
    title: 'Pre-deployment reviews are in date, with real dates, and not rejected',
    severity: 'error',
    requirements: ['G15'],
    evidence: 'presence',
    checks: (services: HitlCoreServices) => ({
        PreDeploymentReview: (review, report) => {
            // A date that does not exist cannot show when the review was held or whether it still holds.
            for (const property of ['date', 'expires'] as const) {
                if (!isImpossibleDate(review[property])) continue;
                const meaning = property === 'date' ? 'when the review was held' : 'whether the review still holds';
                report({
                    node: review,
                    property,
                    message: `Pre-deployment review "${review.id}" has '${property} ${review[property]}', which is not a calendar date, so nobody can tell ${meaning}; write YYYY-MM-DD, such as 2027-03-31.`,
                });
            }
            if (review.conclusion === 'rejected') {
                report({
                    node: review,
                    property: 'conclusion',
                    message: `Pre-deployment review "${review.id}" concluded 'rejected', so the workflow has no permission to run; address the findings and record a new review that approves it.`,
                });
            }
            const expires = review.expires ? parseDate(review.expires) : undefined;
            const today = services.governance.Clock.today();
            if (expires && expires.getTime() < today.getTime()) {
                report({
                    node: review,
                    property: 'expires',
                    message: `Pre-deployment review "${review.id}" expired on ${review.expires}; have ${review.approver?.$refText ?? 'the approver'} review the workflow again and record the new review's date, conclusion and expiry.`,
                });
            }
        },
    }),
});

/** G15: an exemption from part of a review says why, so that it can be challenged later. */
export const exemptionsMustBeExplained = defineRule({
    code: 'risk/exemption-rationale',
    title: 'Review exemptions carry a rationale',
    severity: 'error',
    requirements: ['G15'],
    checks: {
        Exemption: (exemption, report) => {
            if (exemption.rationale?.trim()) return;
            report({
                node: exemption,
                message: `Exemption "${exemption.what}" has no rationale; write 'exemption "${exemption.what}" because "<why this part of the review does not apply>"'.`,
            });
        },
    },
});
