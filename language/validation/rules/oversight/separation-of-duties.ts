import { isStep, type Step } from '../../../generated/ast.js';
import { defineRule } from '../../rule.js';
import { aiStepsReviewedBy, modelOf, partyLabel } from './oversight-facts.js';
import { partiesOverlap } from '../../../analysis/governance.js';
import { highRiskDecisionFedBy } from './reviewer-context.js';
import { quoted } from '../../../util/names.js';

export const reviewersMustBeIndependent = defineRule({
    code: 'oversight/separation-of-duties',
    title: "A gate's reviewer does not own the model it reviews; for high risk, Responsible and Accountable differ",
    severity: 'error',
    requirements: ['G07'],
    evidence: 'presence',
    checks: {
        Gate: (gate, report) => {
            const reviewed = aiStepsReviewedBy(gate);
            gate.reviewers.forEach((reference, index) => {
                const reviewer = reference.ref;
                if (!reviewer) return;
                for (const step of reviewed) {
                    const model = modelOf(step);
                    const owner = model?.owner?.ref;
                    if (!model || !owner || !partiesOverlap(reviewer, owner)) continue;
                    report({
                        node: gate,
                        property: 'reviewers',
                        index,
                        message: `${partyLabel(reviewer)} reviews AI step ${quoted(step.name)} in gate ${quoted(gate.name)} but ${reviewer === owner ? 'owns' : `shares members with ${partyLabel(owner)}, the owner of`} model ${quoted(model.name)}; choose a reviewer independent of the model's owner.`,
                        related: [{ node: model, message: `Model ${quoted(model.name)}, owned by ${quoted(owner.name)}` }],
                    });
                    return;
                }
            });
        },
        Raci: (raci, report) => {
            const step = raci.$container as unknown;
            if (!isStep(step)) return;
            const decision = highRiskDecisionFedBy(step as Step);
            if (!decision) return;
            raci.accountable.forEach((accountable, index) => {
                const clash = raci.responsible.find((responsible) => partiesOverlap(responsible.ref, accountable.ref));
                if (!clash?.ref || !accountable.ref) return;
                report({
                    node: raci,
                    property: 'accountable',
                    index,
                    message: `Step ${quoted((step as Step).name)} leads to high-risk decision ${quoted(decision.name)}, yet ${clash.ref === accountable.ref ? `${quoted(accountable.ref.name)} is both responsible and accountable` : `accountable ${quoted(accountable.ref.name)} and responsible ${quoted(clash.ref.name)} share members`}; make a different party accountable.`,
                });
            });
        },
    },
});
