import { AstUtils, type AstNode } from 'langium';
import { isSuppression } from '../generated/ast.js';
import type { Report } from '../validation/rule.js';
import { suppressionProblems, wasUsed } from '../validation/suppressions.js';

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
