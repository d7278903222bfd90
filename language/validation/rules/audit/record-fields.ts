import { aiStepsOf } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { REQUIRED_AUDIT_FIELDS, missingAuditFields, fullAuditRecord } from '../../../analysis/audit-records.js';

/** `input-version (or input-hash)` */
export function describeAuditField(field: string): string {
    const group = REQUIRED_AUDIT_FIELDS.find((candidate) => candidate[0] === field);
    return group && group.length > 1 ? `${field} (or ${group.slice(1).join(', ')})` : field;
}

export const auditMustRecordRequiredFields = defineRule({
    code: 'audit/record-fields',
    title: 'A workflow with an AI step keeps an audit record of inputs, model, output, intervention and result',
    severity: 'error',
    requirements: ['G25'],
    checks: {
        Workflow: (workflow, report) => {
            if (aiStepsOf(workflow).length === 0) return;
            const audit = workflow.audit;
            if (!audit) {
                report({
                    node: workflow,
                    property: 'name',
                    message: `Workflow ${quoted(workflow.name)} has AI steps but no audit block; add an audit block: 'audit { record ${fullAuditRecord(workflow).join(', ')} }' with 'retention 6mo' or longer.`,
                });
                return;
            }
            const missing = missingAuditFields(audit);
            if (missing.length > 0) {
                report({
                    node: audit,
                    keyword: 'audit',
                    message: `Audit of workflow ${quoted(workflow.name)} does not record ${missing.map(describeAuditField).join(', ')}; add 'record ${missing.join(', ')}'.`,
                });
            }
        },
    },
});
