import { isSuppression } from '../../../generated/ast.js';
import type { HitlCoreServices } from '../../../hitl-module.js';
import { defineRule } from '../../rule.js';
import { isExpired } from '../../suppressions.js';
import { documentNodes } from '../../../analysis/document-nodes.js';

export const suppressionsMustNotExpire = defineRule({
    code: 'change/suppression-expired',
    title: 'An expired suppression is renewed or removed',
    severity: 'error',
    requirements: ['G39'],
    evidence: 'presence',
    checks: (services: HitlCoreServices) => ({
        HitlFile: (file, report) => {
            const today = services.governance.Clock.today();
            for (const node of documentNodes(file).ofKind(isSuppression)) {
                if (isExpired(node, today)) {
                    report({
                        node,
                        property: 'expires',
                        message: `Suppression of '${node.code}' expired on ${node.expires}; fix the finding, or have ${node.approver?.$refText ?? 'an approver'} renew it with a new expiry date.`,
                    });
                }
            }
        },
    }),
});
