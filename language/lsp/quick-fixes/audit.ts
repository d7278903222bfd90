import { GrammarUtils } from 'langium';
import { isAuditSpec, isWorkflow } from '../../generated/ast.js';
import { fullAuditRecord, missingAuditFields } from '../../analysis/audit-records.js';
import { appendToBlock, enclosing, quickFix, type QuickFixes } from './quick-fix.js';

/** Long record lists are split over two `record` lines, as the samples write them. */
function recordLines(fields: readonly string[]): string[] {
    if (fields.length <= 7) return [`record ${fields.join(', ')}`];
    const half = Math.ceil(fields.length / 2);
    return [`record ${fields.slice(0, half).join(', ')}`, `record ${fields.slice(half).join(', ')}`];
}

/** Quick fixes for the audit rules, by diagnostic code. */
export const auditFixes: QuickFixes = {
    'audit/record-fields': (context) => {
        const audit = enclosing(context, isAuditSpec);
        if (audit) {
            const missing = missingAuditFields(audit);
            const edit = missing.length > 0 ? appendToBlock(context.document, audit, [`record ${missing.join(', ')}`]) : undefined;
            return edit && quickFix(context, `Record ${missing.join(', ')} in the audit`, [edit]);
        }
        const workflow = enclosing(context, isWorkflow);
        if (!workflow || workflow.audit) return undefined;
        const lines = ['', 'audit {', ...recordLines(fullAuditRecord(workflow)).map((line) => `    ${line}`), '    retention 6mo', '    mask personal data', '}'];
        const edit = appendToBlock(context.document, workflow, lines);
        return edit && quickFix(context, 'Add an audit block recording every required field (retention 6mo, the legal minimum; personal data masked)', [edit]);
    },
    'audit/reviewer-identity': (context) => {
        const audit = enclosing(context, isAuditSpec);
        const edit = audit && appendToBlock(context.document, audit, ['record reviewer']);
        return edit && quickFix(context, 'Record the reviewer in the audit', [edit]);
    },
    'audit/retention': (context) => {
        const audit = enclosing(context, isAuditSpec);
        if (!audit) return undefined;
        if (!audit.retention) {
            const edit = appendToBlock(context.document, audit, ['retention 6mo']);
            return edit && quickFix(context, "Keep audit records for 6mo, the legal minimum (write longer if law or policy asks for it)", [edit]);
        }
        // Too short: raising it to the minimum is offered explicitly, never a silent default.
        const token = GrammarUtils.findNodeForProperty(audit.$cstNode, 'retention');
        if (!token) return undefined;
        return quickFix(context, `Raise retention from ${audit.retention} to 6mo, the legal minimum`, [{ range: token.range, newText: '6mo' }]);
    },
};
