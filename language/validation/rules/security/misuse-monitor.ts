import type { AiStep, MisuseMonitor } from '../../../generated/ast.js';
import { aiStepsOf } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { isOverAHundredPercent, quantityText } from '../../../analysis/governed-values.js';

export function misuseCovers(monitor: MisuseMonitor, step: AiStep): boolean {
    return monitor.covers.length === 0 || monitor.covers.some((covered) => covered.ref === step);
}

function missingMisuseParts(monitor: MisuseMonitor): string[] {
    const missing: string[] = [];
    if (!monitor.signal?.trim()) missing.push('signal "…"');
    if (!monitor.threshold) missing.push('threshold <value>');
    if (!monitor.action) missing.push('action <block | flag | throttle | alert | pause>');
    if (monitor.alerts.length === 0) missing.push('alert <Role>');
    return missing;
}

export const userFacingStepsMustBeMonitoredForMisuse = defineRule({
    code: 'security/misuse-monitor',
    title: 'Each user-facing AI step is covered by a misuse monitor with signal, threshold, action and alert',
    severity: 'error',
    requirements: ['G38'],
    checks: {
        // A threshold above 100% is never crossed: the monitor never acts.
        MisuseMonitor: (monitor, report) => {
            if (!isOverAHundredPercent(monitor.threshold)) return;
            report({
                node: monitor.threshold!,
                evidence: 'presence',
                message: `Misuse monitor ${quoted(monitor.name)} has 'threshold ${quantityText(monitor.threshold!)}', a share no signal can reach, so it never acts; write a share from 0% to 100% or a count.`,
            });
        },
        Workflow: (workflow, report) => {
            const facing = aiStepsOf(workflow).filter((step) => step.userFacing);
            if (facing.length === 0) return;
            const monitors = workflow.monitoring?.misuse ?? [];
            for (const monitor of monitors) {
                if (!facing.some((step) => misuseCovers(monitor, step))) continue;
                const missing = missingMisuseParts(monitor);
                if (missing.length > 0) {
                    report({ node: monitor, property: 'name', message: `Misuse monitor ${quoted(monitor.name)} does not declare ${missing.join(', ')}.` });
                }
            }
            for (const step of facing) {
                if (monitors.some((monitor) => misuseCovers(monitor, step))) continue;
                report({
                    node: step,
                    property: 'name',
                    message: `User-facing AI step ${quoted(step.name)} has no misuse monitor; add 'monitoring { misuse <Name> { signal "…" threshold <value> action flag alert <Role> covers ${step.name} } }'.`,
                });
            }
        },
    },
});
