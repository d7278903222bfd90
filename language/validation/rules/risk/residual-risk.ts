import { isHighRisk, isHumanParty, workflowOf } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { isImpossibleDate } from '../../../analysis/governed-values.js';

/** G16: what risk remains after the controls, and which accountable person accepted it. */
export const highRiskDecisionsMustAcceptResidualRisk = defineRule({
    code: 'risk/residual-risk',
    title: 'High-risk decisions declare residual risk and who accepted it',
    severity: 'error',
    requirements: ['G16'],
    checks: {
        Decision: (decision, report) => {
            // Written on any decision, an acceptance date that does not exist dates nothing.
            if (isImpossibleDate(decision.residualAcceptedOn)) {
                report({
                    node: decision,
                    property: 'residualAcceptedOn',
                    evidence: 'presence',
                    message: `Decision ${quoted(decision.name)} has its residual risk accepted 'on ${decision.residualAcceptedOn}', which is not a calendar date, so nobody can tell when the risk was accepted; write YYYY-MM-DD, such as 2027-03-31.`,
                });
            }
            if (!isHighRisk(decision.risk)) return;
            const owner = workflowOf(decision)?.owner?.$refText ?? '<Role>';
            if (!decision.residualRisk) {
                report({
                    node: decision,
                    property: 'name',
                    message: `Decision ${quoted(decision.name)} is risk ${decision.risk} but declares no residual risk; add 'residual risk <grade> accepted by ${owner}' with the grade that remains after the controls.`,
                });
                return;
            }
            const acceptedBy = decision.residualAcceptedBy;
            if (!acceptedBy) {
                report({
                    node: decision,
                    property: 'residualRisk',
                    message: `Decision ${quoted(decision.name)} declares residual risk ${decision.residualRisk} but not who accepted it; write 'residual risk ${decision.residualRisk} accepted by ${owner}'.`,
                });
                return;
            }
            const party = acceptedBy.ref;
            if (party && !isHumanParty(party)) {
                report({
                    node: decision,
                    property: 'residualAcceptedBy',
                    message: `Decision ${quoted(decision.name)} has its residual risk accepted by AI actor ${quoted(party.name)}; a person accepts risk: name an accountable role, such as ${owner}.`,
                });
            }
        },
    },
});
