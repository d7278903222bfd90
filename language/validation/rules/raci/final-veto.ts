import { isAiActor } from '../../../generated/ast.js';
import { defineRule } from '../../rule.js';
import { hasAiStep } from '../../../analysis/oversight.js';
import { quoted } from '../../../util/names.js';

export const decisionsMustNameAVetoHolder = defineRule({
    code: 'raci/final-veto',
    title: 'Every decision names its final-veto holder, a person',
    severity: 'error',
    requirements: ['G11'],
    checks: {
        Decision: (decision, report) => {
            if (!hasAiStep(decision.$container)) return;
            if (!decision.veto) {
                report({ node: decision, property: 'name', message: `Decision ${quoted(decision.name)} names no final-veto holder; add 'veto <Role>' (a person who can stop it).` });
            } else if (isAiActor(decision.veto.ref)) {
                report({ node: decision, property: 'veto', message: `AI actor ${quoted(decision.veto.ref.name)} cannot hold the veto on decision ${quoted(decision.name)}; name a human role or team.` });
            }
        },
    },
});
