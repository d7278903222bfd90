import type { AstNode } from 'langium';
import { documentNodes } from './document-nodes.js';
import { isSuppression } from '../generated/ast.js';
import type { Report } from '../validation/rule.js';
import { suppressionProblems, wasUsed } from '../validation/suppressions.js';

export function reportUnusedSuppressions(root: AstNode, report: Report, today: Date): void {
    for (const node of documentNodes(root).ofKind(isSuppression)) {
        if (wasUsed(node) || suppressionProblems(node, today).length > 0) continue;
        report({
            node,
            property: 'code',
            message: `Suppression of '${node.code}' suppresses nothing here; remove it, or move it next to the element the finding is on.`,
        });
    }
}
