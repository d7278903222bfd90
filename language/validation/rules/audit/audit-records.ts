import type { AuditSpec, Workflow } from '../../../generated/ast.js';
import { aiStepsOf, isHumanStep } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

/**
 * What an audit record must capture (G25), as groups of `record` fields: any field of a
 * group satisfies it (an input version or an input hash, say).
 */
export const REQUIRED_AUDIT_FIELDS: ReadonlyArray<readonly string[]> = [
    ['input-version', 'input-hash'],
    ['model-version'],
    ['prompt-version', 'features'],
    ['ai-output'],
    ['confidence'],
    ['action'],
    ['rationale'],
    ['final-result'],
    ['timestamps'],
    ['workflow-version'],
    ['decision-id'],
];

/** The fields an audit block records; `record "model-version"` counts as `record model-version`. */
export function recordedFields(audit: AuditSpec): Set<string> {
    return new Set(audit.records.map((field) => field.replace(/^"(.*)"$/, '$1').trim()));
}

/** The required field groups the audit does not record, each as its first (preferred) field. */
export function missingAuditFields(audit: AuditSpec): string[] {
    const recorded = recordedFields(audit);
    return REQUIRED_AUDIT_FIELDS.filter((group) => !group.some((field) => recorded.has(field))).map((group) => group[0]);
}

/** `input-version (or input-hash)` */
export function describeAuditField(field: string): string {
    const group = REQUIRED_AUDIT_FIELDS.find((candidate) => candidate[0] === field);
    return group && group.length > 1 ? `${field} (or ${group.slice(1).join(', ')})` : field;
}

/** Every field a complete audit block records for this workflow: G25's, and the reviewer when people act (G26). */
export function fullAuditRecord(workflow: Workflow): string[] {
    const fields = REQUIRED_AUDIT_FIELDS.map((group) => group[0]);
    if (workflow.steps.some(isHumanStep)) fields.splice(fields.indexOf('action'), 0, 'reviewer');
    return fields;
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
                message: `Audit of workflow ${quoted(workflow.name)} does not record who verified each result, though people act in ${humanSteps.map((step) => `${quoted(step.name)}`).join(', ')}; add 'record reviewer'.`,
                related: humanSteps.map((step) => ({ node: step, message: `${quoted(step.name)} is worked by a person` })),
            });
        },
    },
});
