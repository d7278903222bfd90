import { GrammarUtils, type LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver-types';
import { isGrant, isWorkflow, type AccessSpec, type Grant } from '../../generated/ast.js';
import { maskingGaps } from '../../analysis/masking.js';
import { unusedGrant } from '../../analysis/permissions.js';
import { appendToBlock, enclosing, quickFix, type QuickFixContext, type QuickFixes } from './quick-fix.js';

/**
 * Removes the permission the diagnostic points at from its `allow` line (the line, if it was
 * the only one), unless `keep` says the permission must stay.
 */
function removePermission(context: QuickFixContext, keep: (grant: Grant, permission: string) => boolean = () => false): ReturnType<QuickFixes[string]> {
    const grant = enclosing(context, isGrant);
    if (!grant?.$cstNode) return undefined;
    const { document } = context;
    const nodes = GrammarUtils.findNodesForProperty(grant.$cstNode, 'permissions');
    const offset = document.textDocument.offsetAt(context.diagnostic.range.start);
    const index = nodes.findIndex((node) => node.offset === offset);
    if (index < 0) return undefined;
    const permission = grant.permissions[index];
    if (keep(grant, permission)) return undefined;
    const party = grant.party?.$refText ?? 'the party';
    let edit: TextEdit;
    if (nodes.length === 1) {
        edit = removeGrantLine(document, grant);
    } else if (index > 0) {
        edit = { range: { start: document.textDocument.positionAt(nodes[index - 1].end), end: nodes[index].range.end }, newText: '' };
    } else {
        edit = { range: { start: nodes[0].range.start, end: nodes[1].range.start }, newText: '' };
    }
    return quickFix(context, `Remove '${permission}' from 'allow ${party}'`, [edit]);
}

function removeGrantLine(document: LangiumDocument, grant: Grant): TextEdit {
    const access = grant.$container as AccessSpec;
    const text = document.textDocument.getText();
    const cst = grant.$cstNode!;
    const items = access.grants.length + access.masks.length + access.unmasks.length + access.suppressions.length;
    if (items === 1) {
        // The block would be empty: leave `access { }`.
        const accessCst = access.$cstNode!;
        const open = text.indexOf('{', accessCst.offset);
        const close = text.lastIndexOf('}', accessCst.end);
        return { range: { start: document.textDocument.positionAt(open + 1), end: document.textDocument.positionAt(close) }, newText: ' ' };
    }
    const lineStart = text.lastIndexOf('\n', cst.offset - 1) + 1;
    const lineEnd = text.indexOf('\n', cst.end);
    return { range: { start: document.textDocument.positionAt(lineStart), end: document.textDocument.positionAt(lineEnd < 0 ? text.length : lineEnd + 1) }, newText: '' };
}

/** Quick fixes for the security rules, by diagnostic code. */
export const securityFixes: QuickFixes = {
    'security/masking': (context) => {
        const workflow = enclosing(context, isWorkflow);
        if (!workflow) return undefined;
        const raw = context.diagnostic.message;
        const message = (typeof raw === 'string' ? raw : raw.value).replace(/ \(suppressed: .*\)$/s, '');
        const gap = maskingGaps(workflow).find((candidate) => candidate.message === message);
        if (!gap) return undefined;
        if (gap.scope === 'audit') {
            const edit = workflow.audit && appendToBlock(context.document, workflow.audit, ['mask personal data']);
            return edit && quickFix(context, 'Mask personal data in the audit record', [edit]);
        }
        const scopes = workflow.audit && !workflow.audit.masksPersonalData ? 'ai-input, audit' : 'ai-input';
        const line = `mask ${gap.qualified} in ${scopes}`;
        const edit = workflow.access ? appendToBlock(context.document, workflow.access, [line]) : appendToBlock(context.document, workflow, ['', 'access {', `    ${line}`, '}']);
        return edit && quickFix(context, `Mask '${gap.qualified}' in ${scopes}`, [edit]);
    },
    // Removing a right never widens what anyone may do; a gate reviewer or veto holder that is
    // an AI actor needs a person chosen by the author, so those findings have no fix.
    'security/ai-approval-rights': (context) => removePermission(context),
    // A team's grant that some of its members use is narrowed by hand, member by member.
    'security/least-privilege': (context) =>
        removePermission(context, (grant, permission) => {
            const use = unusedGrant(grant, permission);
            return !!use && use.unused.length < use.people.length;
        }),
};
