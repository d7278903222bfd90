import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

export const stepsMustHaveAResponsible = defineRule({
    code: 'raci/responsible',
    title: 'Every RACI names at least one Responsible',
    severity: 'error',
    requirements: ['G10'],
    checks: {
        Raci: (raci, report) => {
            if (raci.responsible.length > 0) return;
            const step = raci.$container;
            report({ node: raci, keyword: 'raci', message: `The RACI of step ${quoted(step.name)} names no Responsible; add 'responsible <Party>' (who does the work).` });
        },
    },
});
