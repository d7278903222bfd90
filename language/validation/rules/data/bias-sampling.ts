import type { AiStep, BiasSampling } from '../../../generated/ast.js';
import { aiStepsOf, decisionsFedBy, isHumanParty } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

export function biasCovers(bias: BiasSampling, step: AiStep): boolean {
    return bias.covers.length === 0 || bias.covers.some((covered) => covered.ref === step);
}

function missingBiasParts(bias: BiasSampling): string[] {
    const missing: string[] = [];
    if (!bias.rate) missing.push('rate <n%>');
    if (bias.slices.length === 0) missing.push('slices <attribute>, …');
    if (!bias.reviewer) missing.push('reviewer <Role>');
    return missing;
}

export const biasMustBeSampled = defineRule({
    code: 'data/bias-sampling',
    title: 'AI steps in decisions about people are covered by bias sampling with a rate, slices and a reviewer',
    severity: 'error',
    requirements: ['G32'],
    checks: {
        Workflow: (workflow, report) => {
            const biases = workflow.monitoring?.bias ?? [];
            const relevant = aiStepsOf(workflow)
                .map((step) => ({ step, decision: decisionsFedBy(step).find((d) => d.aboutPeople || d.affectsUserRights) }))
                .filter((entry) => entry.decision !== undefined);
            if (relevant.length === 0) return;
            const incomplete = new Set<BiasSampling>();
            for (const bias of biases) {
                if (!relevant.some(({ step }) => biasCovers(bias, step))) continue;
                const missing = missingBiasParts(bias);
                const reviewer = bias.reviewer?.ref;
                if (reviewer && !isHumanParty(reviewer)) missing.push(`a person as reviewer (${quoted(reviewer.name)} is an AI actor)`);
                if (missing.length > 0) {
                    incomplete.add(bias);
                    report({
                        node: bias,
                        property: 'name',
                        message: `Bias sampling ${quoted(bias.name)} does not declare ${missing.join(', ')}.`,
                    });
                }
            }
            for (const { step, decision } of relevant) {
                const covering = biases.filter((bias) => biasCovers(bias, step));
                if (covering.some((bias) => !incomplete.has(bias))) continue;
                if (covering.length > 0) continue; // the incomplete block is reported itself
                report({
                    node: step,
                    property: 'name',
                    message: `AI step ${quoted(step.name)} feeds decision ${quoted(decision!.name)}, which is about people, but no bias sampling covers it; add 'monitoring { bias <Name> { rate 5% slices <attribute> reviewer <Role> covers ${step.name} } }'.`,
                    related: [{ node: decision!, message: `decision ${quoted(decision!.name)} is about people` }],
                });
            }
        },
    },
});
