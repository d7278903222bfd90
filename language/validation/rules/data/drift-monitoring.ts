import type { DriftMonitor } from '../../../generated/ast.js';
import { aiStepsOf } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { isOverAHundredPercent, isZeroDuration, quantityText } from '../../../analysis/governed-values.js';

export function missingDriftParts(drift: DriftMonitor): string[] {
    const missing: string[] = [];
    if (!drift.metric?.trim()) missing.push('metric "<what is measured>"');
    if (!drift.baseline) missing.push('baseline <value>');
    if (!drift.threshold) missing.push('threshold <value>');
    if (!drift.window) missing.push('window <duration>');
    if (!drift.onBreach) missing.push('on breach <degrade-to-manual | pause | alert | rollback | retrain>');
    return missing;
}

export const driftMustBeMonitored = defineRule({
    code: 'data/drift-monitoring',
    title: 'A workflow with an AI step monitors drift with a metric, baseline, threshold, window and action',
    severity: 'error',
    requirements: ['G30'],
    checks: {
        // Values that make a monitor blind, wherever it is written.
        DriftMonitor: (drift, report) => {
            if (isZeroDuration(drift.window)) {
                report({
                    node: drift,
                    property: 'window',
                    evidence: 'presence',
                    message: `Drift monitor ${quoted(drift.name)} has 'window ${drift.window}', an empty window in which no drift can be measured; write the period it measures over, such as 'window 30d'.`,
                });
            }
            for (const property of ['baseline', 'threshold'] as const) {
                const value = drift[property];
                if (!value || !isOverAHundredPercent(value)) continue;
                const meaning = property === 'threshold' ? 'a share no measurement can reach, so the monitor never fires' : 'a share no measurement can have, so drift from it means nothing';
                report({
                    node: value,
                    evidence: 'presence',
                    message: `Drift monitor ${quoted(drift.name)} has '${property} ${quantityText(value)}', ${meaning}; write a share from 0% to 100%.`,
                });
            }
        },
        Workflow: (workflow, report) => {
            const aiSteps = aiStepsOf(workflow);
            if (aiSteps.length === 0) return;
            const drifts = workflow.monitoring?.drift ?? [];
            if (drifts.length === 0) {
                const message = `Workflow ${quoted(workflow.name)} has AI steps but no drift monitor; add 'monitoring { drift <Name> { metric "…" baseline <value> threshold <value> window 30d on breach degrade-to-manual } }'.`;
                const related = aiSteps.map((step) => ({ node: step, message: `AI step ${quoted(step.name)}` }));
                if (workflow.monitoring) report({ node: workflow.monitoring, keyword: 'monitoring', message, related });
                else report({ node: workflow, property: 'name', message, related });
                return;
            }
            for (const drift of drifts) {
                const missing = missingDriftParts(drift);
                if (missing.length > 0) {
                    report({
                        node: drift,
                        property: 'name',
                        message: `Drift monitor ${quoted(drift.name)} does not declare ${missing.join(', ')}; without them a breach cannot be detected or acted on.`,
                    });
                }
            }
        },
    },
});
