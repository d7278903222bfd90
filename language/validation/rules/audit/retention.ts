import { aiStepsOf } from '../../../analysis/governance.js';
import { parseDuration } from '../../../util/quantities.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { isZeroDuration } from '../../../analysis/governed-values.js';

/** Six months, counted as the language counts a month (30 days): 180 days. */
export const MINIMUM_RETENTION_MS = 180 * 86_400_000;

export const auditMustBeRetained = defineRule({
    code: 'audit/retention',
    title: 'Audit records are kept for at least six months',
    severity: 'error',
    requirements: ['G27'],
    checks: {
        // Keeping records for no time at all is wrong in any workflow that writes it.
        AuditSpec: (audit, report) => {
            if (!isZeroDuration(audit.retention)) return;
            report({
                node: audit,
                property: 'retention',
                evidence: 'presence',
                message: `Audit of workflow ${quoted(audit.$container.name)} keeps records for ${audit.retention}, so nothing it records survives to be audited; write 'retention 6mo' or longer.`,
            });
        },
        Workflow: (workflow, report) => {
            const audit = workflow.audit;
            if (!audit || aiStepsOf(workflow).length === 0 || isZeroDuration(audit.retention)) return;
            if (!audit.retention) {
                report({
                    node: audit,
                    keyword: 'audit',
                    message: `Audit of workflow ${quoted(workflow.name)} declares no retention; add 'retention <duration>' of at least 6 months (6mo), longer where law or policy asks for it.`,
                });
                return;
            }
            const retention = parseDuration(audit.retention);
            if (retention && retention.milliseconds < MINIMUM_RETENTION_MS) {
                const days = Math.round(retention.milliseconds / 86_400_000);
                report({
                    node: audit,
                    property: 'retention',
                    message: `Audit of workflow ${quoted(workflow.name)} keeps records for ${audit.retention} (${days} day${days === 1 ? '' : 's'}), less than the 6 months the law requires; write 'retention 6mo' or longer.`,
                });
            }
        },
    },
});
