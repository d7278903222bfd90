import { defineRule } from '../../rule.js';
import { maskingGaps } from '../../../analysis/masking.js';

export const personalDataMustBeMasked = defineRule({
    code: 'security/masking',
    title: 'Personal data is masked before AI steps and in audit records',
    severity: 'error',
    requirements: ['G35'],
    checks: {
        Workflow: (workflow, report) => {
            for (const gap of maskingGaps(workflow)) {
                if (gap.scope === 'audit') {
                    report({ node: workflow.audit!, keyword: 'audit', message: gap.message, related: gap.related });
                } else {
                    report({ node: gap.step, property: 'inputs', index: gap.inputIndex, message: gap.message, related: gap.related });
                }
            }
        },
    },
});
