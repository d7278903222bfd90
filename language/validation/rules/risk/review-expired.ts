import type { HitlCoreServices } from '../../../hitl-module.js';
import { parseDate } from '../../../util/quantities.js';
import { defineRule } from '../../rule.js';
import { isImpossibleDate } from '../../../analysis/governed-values.js';

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
