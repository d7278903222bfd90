import type { AiStep, MisuseMonitor } from '../../../generated/ast.js';
import { aiStepsOf } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { isOverAHundredPercent, quantityText } from '../values/governed-values.js';

export const intendedUseMustBeDeclared = defineRule({
    code: 'security/intended-use',
    title: 'A workflow with a user-facing AI step declares its intended use and what is out of scope',
    severity: 'error',
    requirements: ['G38'],
    checks: {
        Workflow: (workflow, report) => {
            const facing = aiStepsOf(workflow).filter((step) => step.userFacing);
            if (facing.length === 0) return;
            const missing: string[] = [];
            if (workflow.intendedUses.filter((use) => use.trim()).length === 0) missing.push('intended use "…"');
            if (workflow.outOfScope.filter((use) => use.trim()).length === 0) missing.push('out of scope "…"');
            if (missing.length === 0) return;
            report({
                node: workflow,
                property: 'name',
                message: `Workflow ${quoted(workflow.name)} has user-facing AI step${facing.length > 1 ? 's' : ''} ${facing.map((s) => `${quoted(s.name)}`).join(', ')} but declares no ${missing.map((m) => `'${m}'`).join(' and no ')}; say what the AI is for and what it must not be used for.`,
                related: facing.map((step) => ({ node: step, message: `${quoted(step.name)} is user-facing` })),
            });
        },
    },
});

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
