import { isAiActor } from '../../../generated/ast.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { isOverAHundredPercent, quantityText } from '../values/governed-values.js';

export const workflowsMustNameABusinessOwner = defineRule({
    code: 'raci/business-owner',
    title: 'A workflow names its business owner, a person',
    severity: 'error',
    requirements: ['G13'],
    checks: {
        Workflow: (workflow, report) => {
            if (!workflow.owner) {
                report({ node: workflow, property: 'name', message: `Workflow ${quoted(workflow.name)} names no business owner; add 'owner <Role>' (who answers for its results).` });
            } else if (isAiActor(workflow.owner.ref)) {
                report({ node: workflow, property: 'owner', message: `AI actor ${quoted(workflow.owner.ref.name)} cannot own workflow ${quoted(workflow.name)}; name a human role or team.` });
            }
        },
    },
});

export const workflowsMustHaveAcceptanceMetrics = defineRule({
    code: 'raci/acceptance-metrics',
    title: 'A workflow declares acceptance metrics with thresholds',
    severity: 'error',
    requirements: ['G13'],
    checks: {
        // A share above 100% is a target nothing can meet (or miss): the metric accepts nothing.
        Metric: (metric, report) => {
            if (!isOverAHundredPercent(metric.threshold)) return;
            report({
                node: metric.threshold!,
                evidence: 'presence',
                message: `Acceptance metric "${metric.label}" ${metric.comparator} ${quantityText(metric.threshold!)} compares with a share no measurement can reach, so it is always or never met and accepts nothing; write a share from 0% to 100%.`,
            });
        },
        Workflow: (workflow, report) => {
            if (workflow.metrics.some((metric) => metric.comparator && metric.threshold)) return;
            report({
                node: workflow,
                property: 'name',
                message: `Workflow ${quoted(workflow.name)} has no acceptance metric; add one such as 'metric "approval precision" >= 95%' (what is measured, a comparator and a threshold).`,
            });
        },
    },
});
