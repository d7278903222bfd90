import { aiStepsOf, decisionsFedBy, isHumanParty } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { isZeroDuration } from '../../../analysis/governed-values.js';

export const feedbackMustLoopBack = defineRule({
    code: 'data/feedback-loops',
    title: 'Corrections, outcomes and complaints feed back to a dataset, and retraining is approved by a person',
    severity: 'error',
    requirements: ['G31'],
    checks: {
        FeedbackLoop: (loop, report) => {
            if (!isZeroDuration(loop.every)) return;
            report({
                node: loop,
                property: 'every',
                evidence: 'presence',
                message: `'${loop.source} to ${loop.target?.$refText ?? '…'} every ${loop.every}' sets a period of zero, which is no schedule; write how often the ${loop.source} reach the dataset, such as 'every 7d'.`,
            });
        },
        Workflow: (workflow, report) => {
            const feeding = aiStepsOf(workflow).filter((step) => decisionsFedBy(step).length > 0);
            if (feeding.length === 0) return;
            const decisions = [...new Set(feeding.flatMap(decisionsFedBy))];
            const rightsDecision = decisions.find((decision) => decision.affectsUserRights);
            const needed = ['corrections', 'outcomes', ...(rightsDecision ? ['complaints'] : [])];
            const feedback = workflow.feedback;
            const related = feeding.map((step) => ({ node: step, message: `AI step ${quoted(step.name)} feeds a decision` }));
            if (!feedback) {
                report({
                    node: workflow,
                    property: 'name',
                    message: `Workflow ${quoted(workflow.name)} has no feedback block, so human corrections and outcomes never reach a dataset; add 'feedback { ${needed.map((source) => `${source} to <Dataset>`).join(' ')} retraining approved by <Role> }'.`,
                    related,
                });
                return;
            }
            const sources = new Set(feedback.loops.map((loop) => loop.source));
            const missing: string[] = [];
            if (!sources.has('corrections') && !sources.has('overrides')) missing.push("'corrections to <Dataset>'");
            if (!sources.has('outcomes')) missing.push("'outcomes to <Dataset>'");
            if (rightsDecision && !sources.has('complaints')) missing.push(`'complaints to <Dataset>' (decision ${quoted(rightsDecision.name)} affects user rights)`);
            if (!feedback.retrainingApprover) missing.push("'retraining approved by <Role>'");
            if (missing.length > 0) {
                report({
                    node: feedback,
                    keyword: 'feedback',
                    message: `Feedback of workflow ${quoted(workflow.name)} lacks ${missing.join(', ')}.`,
                    related,
                });
            }
            const approver = feedback.retrainingApprover?.ref;
            if (approver && !isHumanParty(approver)) {
                report({
                    node: feedback,
                    property: 'retrainingApprover',
                    message: `Retraining in workflow ${quoted(workflow.name)} is approved by ${quoted(approver.name)}, an AI actor; name a person or team: 'retraining approved by <Role>'.`,
                });
            }
        },
    },
});
