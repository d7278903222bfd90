import { isOutcome } from '../../../generated/ast.js';
import { isHumanParty, nonPersonLabel } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

export const stepsMustHaveOneAccountable = defineRule({
    code: 'raci/accountable',
    title: 'Every step has a RACI with exactly one Accountable, a person',
    severity: 'error',
    requirements: ['G10'],
    checks: {
        Workflow: (workflow, report) => {
            for (const step of workflow.steps) {
                if (isOutcome(step)) continue;
                const raci = step.raci;
                if (!raci) {
                    report({
                        node: step,
                        property: 'name',
                        message: `Step ${quoted(step.name)} has no RACI; add 'raci { responsible <Party> accountable <Role> }' (at least one Responsible, exactly one Accountable, a person).`,
                    });
                    continue;
                }
                if (raci.accountable.length === 0) {
                    report({ node: raci, keyword: 'raci', message: `The RACI of step ${quoted(step.name)} names no Accountable; add 'accountable <Role>' (exactly one, a person).` });
                    continue;
                }
                if (raci.accountable.length > 1) {
                    report({
                        node: raci,
                        property: 'accountable',
                        index: 1,
                        message: `The RACI of step ${quoted(step.name)} names ${raci.accountable.length} Accountable parties (${raci.accountable.map((a) => a.$refText).join(', ')}); keep exactly one, and list the others as responsible or consulted.`,
                    });
                }
                raci.accountable.forEach((accountable, index) => {
                    if (accountable.ref && !isHumanParty(accountable.ref)) {
                        report({ node: raci, property: 'accountable', index, message: `${nonPersonLabel(accountable.ref)} cannot be accountable for step ${quoted(step.name)}; name a human role or team.` });
                    }
                });
            }
        },
    },
});
