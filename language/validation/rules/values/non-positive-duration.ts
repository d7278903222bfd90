import { GrammarUtils } from 'langium';
import { defineRule } from '../../rule.js';
import { parseDuration } from '../../../util/quantities.js';
import { governingRule } from '../../../analysis/governed-values.js';
import { documentNodes } from '../../../analysis/document-nodes.js';

/**
 * A zero duration where no requirement reads it (the workflow's own SLA, say). A zero gate SLA,
 * escalation deadline, retention or incident deadline is reported by the governance rule that
 * reads it (governed-values.ts), under that rule's requirement.
 */
export const durationsMustBePositive = defineRule({
    code: 'values/non-positive-duration',
    title: 'Durations are longer than zero',
    severity: 'error',
    requirements: [],
    evidence: 'presence',
    checks: {
        HitlFile: (file, report) => {
            for (const leaf of documentNodes(file).leaves) {
                if (leaf.tokenType.name !== 'DURATION') continue;
                const duration = parseDuration(leaf.text);
                // The value first: finding the property a token is assigned to climbs the syntax tree.
                if (duration === undefined || duration.milliseconds > 0) continue;
                if (governingRule(leaf.astNode, GrammarUtils.findAssignment(leaf)?.feature)) continue;
                report({ node: leaf.astNode, range: leaf.range, message: `Duration '${leaf.text}' is zero; write a positive duration such as 4h or 2d.` });
            }
        },
    },
});
