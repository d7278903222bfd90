import { citationLines } from '../governance/citations.js';
import type { RuleMeta } from '../validation/rule.js';
import type { SeverityOverride } from '../settings/rule-settings.js';

/** `hitl rules`: the catalogue as a table (text) or a stable JSON list. */
export function formatRules(rules: readonly RuleMeta[], format: 'text' | 'json', severityOf: (rule: RuleMeta) => SeverityOverride): string {
    if (format === 'json') {
        const list = rules.map((rule) => ({
            code: rule.code,
            title: rule.title,
            severity: severityOf(rule),
            defaultSeverity: rule.severity,
            requirements: rule.requirements,
            citations: citationLines(rule.requirements),
        }));
        return JSON.stringify({ version: 1, rules: list }, null, 2) + '\n';
    }
    const width = Math.max(...rules.map((rule) => rule.code.length));
    const lines = rules.map((rule) => {
        const requirements = rule.requirements.length > 0 ? rule.requirements.join(',') : '-';
        return `${rule.code.padEnd(width)}  ${severityOf(rule).padEnd(7)}  ${requirements.padEnd(11)}  ${rule.title}`;
    });
    const covered = new Set(rules.flatMap((rule) => rule.requirements));
    lines.push('', `${rules.length} rules covering ${covered.size} of the requirements G01–G40`);
    return lines.join('\n') + '\n';
}
