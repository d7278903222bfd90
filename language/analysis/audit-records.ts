import type { AuditSpec, Workflow } from '../generated/ast.js';
import { isHumanStep } from './governance.js';

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

/** Every field a complete audit block records for this workflow: G25's, and the reviewer when people act (G26). */
export function fullAuditRecord(workflow: Workflow): string[] {
    const fields = REQUIRED_AUDIT_FIELDS.map((group) => group[0]);
    if (workflow.steps.some(isHumanStep)) fields.splice(fields.indexOf('action'), 0, 'reviewer');
    return fields;
}
