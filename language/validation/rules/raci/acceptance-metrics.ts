import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { isOverAHundredPercent, quantityText } from '../../../analysis/governed-values.js';

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
