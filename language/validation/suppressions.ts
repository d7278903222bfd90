import type { AstNode } from 'langium';
import { documentNodes } from '../analysis/document-nodes.js';
import { isSuppression, type Suppression } from '../generated/ast.js';
import { parseDate } from '../util/quantities.js';

/** Where a finding was suppressed, as reported alongside it (CLI json, SARIF `suppressions`). */
export interface SuppressionInfo {
    readonly reason: string;
    readonly approver: string;
    readonly expires: string;
}

/** What is missing or wrong with a suppression; empty when it is in force. */
export function suppressionProblems(suppression: Suppression, today: Date): string[] {
    const problems: string[] = [];
    if (!suppression.reason?.trim()) problems.push('a reason');
    if (!suppression.approver?.ref) problems.push('an approver');
    if (!suppression.expires) problems.push('an expiry date');
    // A date that does not exist never passes: such a suppression would be in force for ever.
    else if (parseDate(suppression.expires) === undefined) problems.push(`an expiry date that exists ('${suppression.expires}' is not a calendar date)`);
    return problems.length > 0 ? [`needs ${problems.join(', ').replace(/, ([^,]*)$/, ' and $1')}`] : isExpired(suppression, today) ? [`expired on ${suppression.expires}`] : [];
}

export function isExpired(suppression: Suppression, today: Date): boolean {
    const expires = suppression.expires ? parseDate(suppression.expires) : undefined;
    return expires !== undefined && expires.getTime() < today.getTime();
}

/**
 * The suppression in force for a finding of `code` on `node`: one written in the node's own
 * block or in any block around it, or at the top of its file.
 */
export function suppressionFor(node: AstNode, code: string, today: Date): Suppression | undefined {
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        const suppressions = (current as { suppressions?: Suppression[] }).suppressions;
        const match = suppressions?.find((s) => s.code === code && suppressionProblems(s, today).length === 0);
        if (match) return match;
    }
    return undefined;
}

export function suppressionInfo(suppression: Suppression): SuppressionInfo {
    return { reason: suppression.reason ?? '', approver: suppression.approver?.ref?.name ?? suppression.approver?.$refText ?? '', expires: suppression.expires ?? '' };
}

/** Suppressions that took effect during the current validation of their document. */
const used = new WeakSet<Suppression>();

export function markUsed(suppression: Suppression): void {
    used.add(suppression);
}

export function wasUsed(suppression: Suppression): boolean {
    return used.has(suppression);
}

export function resetUsage(root: AstNode): void {
    for (const node of documentNodes(root).ofKind(isSuppression)) used.delete(node);
}
