import { isSuppression } from '../../../generated/ast.js';
import type { HitlCoreServices } from '../../../hitl-module.js';
import { defineRule } from '../../rule.js';
import { isExpired, suppressionProblems } from '../../suppressions.js';
import { isImpossibleDate } from '../../../analysis/governed-values.js';
import { documentNodes } from '../../../analysis/document-nodes.js';

export const suppressionsMustBeComplete = defineRule({
    code: 'change/suppression-incomplete',
    title: 'A suppression names a reason, an approver and an expiry date',
    severity: 'error',
    requirements: ['G39'],
    checks: (services: HitlCoreServices) => ({
        HitlFile: (file, report) => {
            const today = services.governance.Clock.today();
            for (const node of documentNodes(file).ofKind(isSuppression)) {
                if (isExpired(node, today)) continue;
                const [problem] = suppressionProblems(node, today);
                if (!problem) continue;
                // Only the date wrong: a finding on the value as written, on the date itself.
                const onlyTheDate = isImpossibleDate(node.expires) && node.reason?.trim() && node.approver?.ref;
                report({
                    node,
                    ...(onlyTheDate ? { property: 'expires' as const, evidence: 'presence' as const } : { keyword: 'suppress' }),
                    message: `Suppression of '${node.code}' ${problem}, so it is not in force; write reason "…", approver <Role> and expires YYYY-MM-DD.`,
                });
            }
        },
    }),
});
