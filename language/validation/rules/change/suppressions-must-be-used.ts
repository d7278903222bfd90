import { AstUtils, type AstNode } from 'langium';
import { isSuppression } from '../../../generated/ast.js';
import type { Report, RuleMeta } from '../../rule.js';
import { suppressionProblems, wasUsed } from '../../suppressions.js';

/**
 * Checked after every other rule has run on the document (see the registry), because only
 * then is it known which suppressions took effect.
 */
export const suppressionsMustBeUsed: RuleMeta = {
    code: 'change/suppression-unused',
    title: 'A suppression suppresses something',
    severity: 'warning',
    requirements: ['G39'],
};

export function reportUnusedSuppressions(root: AstNode, report: Report, today: Date): void {
    for (const node of AstUtils.streamAst(root)) {
        if (!isSuppression(node) || wasUsed(node) || suppressionProblems(node, today).length > 0) continue;
        report({
            node,
            property: 'code',
            message: `Suppression of '${node.code}' suppresses nothing here; remove it, or move it next to the element the finding is on.`,
        });
    }
}
