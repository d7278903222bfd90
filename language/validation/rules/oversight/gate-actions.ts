import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { missingGateActions } from '../../../analysis/gate-actions.js';

export const gatesMustAllowOverride = defineRule({
    code: 'oversight/gate-actions',
    title: 'A gate lets its reviewer approve, override (or edit) and reject',
    severity: 'error',
    requirements: ['G02'],
    checks: {
        Gate: (gate, report) => {
            if (gate.allows.length === 0) {
                report({
                    node: gate,
                    property: 'name',
                    message: `Gate ${quoted(gate.name)} declares no reviewer actions; add 'allows approve, override, reject' so the reviewer can correct or refuse the AI's output, not only accept it.`,
                });
                return;
            }
            const missing = missingGateActions(gate.allows);
            if (missing.length > 0) {
                report({
                    node: gate,
                    keyword: 'allows',
                    message: `Gate ${quoted(gate.name)} does not allow ${missing.join(' or ')}; add ${missing.map((a) => `'${a}'`).join(' and ')} to its 'allows' list: a reviewer must be able to approve, override (or edit) and reject.`,
                });
            }
        },
    },
});
