import { isEventRoute } from '../../../generated/ast.js';
import { feedsHighRisk } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { suggestedEscalation } from '../../../analysis/timeouts.js';
import { quoted } from '../../../util/names.js';

/** G19: when the reviewer disagrees with the AI on a high-risk item, someone above settles it. */
export const highRiskGatesShouldEscalateDisagreement = defineRule({
    code: 'escalation/disagreement-route',
    title: 'Gates before high-risk decisions say where disagreement goes',
    severity: 'warning',
    requirements: ['G19'],
    checks: {
        Gate: (gate, report) => {
            if (!feedsHighRisk(gate)) return;
            const routed = gate.escalations.some((rule) => rule.triggers.includes('disagreement')) || gate.routes.some((r) => isEventRoute(r) && r.event === 'disagreement');
            if (routed) return;
            const target = suggestedEscalation(gate)?.name ?? '<Escalation>';
            report({
                node: gate,
                property: 'name',
                message: `Gate ${quoted(gate.name)} comes before a high-risk decision but does not say where a reviewer's disagreement with the AI goes; add 'escalate on disagreement to ${target}'.`,
            });
        },
    },
});
