import { isHumanStep } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { joinCapped } from '../../../analysis/caps.js';
import { recordedFields } from '../../../analysis/audit-records.js';

export const auditMustRecordReviewer = defineRule({
    code: 'audit/reviewer-identity',
    title: 'The audit record names the person who verified each result',
    severity: 'error',
    requirements: ['G26'],
    checks: {
        Workflow: (workflow, report) => {
            const audit = workflow.audit;
            const humanSteps = workflow.steps.filter(isHumanStep);
            if (!audit || humanSteps.length === 0 || recordedFields(audit).has('reviewer')) return;
            report({
                node: audit,
                keyword: 'audit',
                message: `Audit of workflow ${quoted(workflow.name)} does not record who verified each result, though people act in ${joinCapped(humanSteps.map((step) => quoted(step.name)))}; add 'record reviewer'.`,
                related: humanSteps.map((step) => ({ node: step, message: `${quoted(step.name)} is worked by a person` })),
            });
        },
    },
});
