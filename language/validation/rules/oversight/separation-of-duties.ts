import { isStep, type Party, type Step } from '../../../generated/ast.js';
import { defineRule } from '../../rule.js';
import { aiStepsReviewedBy, modelOf, partyKindLabel } from '../../../analysis/oversight.js';
import { overlapOf, partiesOverlap } from '../../../analysis/governance.js';
import { highRiskDecisionFedBy } from '../../../analysis/reviewer-context.js';
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
                    const overlap = model && owner ? overlapOf(reviewer, owner) : undefined;
                    if (!model || !owner || !overlap) continue;
                    report({
                        node: gate,
                        property: 'reviewers',
                        index,
                        message: `${partyKindLabel(reviewer)} reviews AI step ${quoted(step.name)} in gate ${quoted(gate.name)} but ${ownership(overlap, owner)} model ${quoted(model.name)}; choose a reviewer independent of the model's owner.`,
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
                const overlap = overlapOf(accountable.ref, clash.ref)!;
                report({
                    node: raci,
                    property: 'accountable',
                    index,
                    message: `Step ${quoted((step as Step).name)} leads to high-risk decision ${quoted(decision.name)}, yet ${sameParty(overlap, accountable.ref, clash.ref)}; make a different party accountable.`,
                });
            });
        },
    },
});

type Overlap = NonNullable<ReturnType<typeof overlapOf>>;

/** How a reviewer stands to the model's owner: `owns`, `is a member of Team 'X', the owner of` … */
function ownership(overlap: Overlap, owner: Party): string {
    switch (overlap.relation) {
        case 'same':
            return 'owns';
        case 'holds':
            return `includes ${partyKindLabel(owner)}, the owner of`;
        case 'member':
            return `is a member of ${partyKindLabel(owner)}, the owner of`;
        case 'shares':
            return `shares ${quoted(overlap.shared.name)} with ${partyKindLabel(owner)}, the owner of`;
    }
}

/** How the accountable party is (among) the responsible people. */
function sameParty(overlap: Overlap, accountable: Party, responsible: Party): string {
    switch (overlap.relation) {
        case 'same':
            return `${quoted(accountable.name)} is both responsible and accountable`;
        case 'holds':
            return `accountable ${partyKindLabel(accountable)} includes responsible ${quoted(responsible.name)}`;
        case 'member':
            return `accountable ${quoted(accountable.name)} is a member of responsible ${partyKindLabel(responsible)}`;
        case 'shares':
            return `accountable ${partyKindLabel(accountable)} and responsible ${partyKindLabel(responsible)} share ${quoted(overlap.shared.name)}`;
    }
}
