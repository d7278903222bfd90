import type { AiStep, BiasSampling } from '../../../generated/ast.js';
import { aiStepsOf, decisionsFedBy, isHumanParty } from '../../../analysis/governance.js';
import { defineRule, type Report } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { isOutsideUnitRange, isZeroDuration, isZeroQuantity, quantityText } from '../../../analysis/governed-values.js';

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

/** A rate of zero samples nothing and one above 100% cannot be met; a period of zero is no schedule. */
function hasBlindValue(bias: BiasSampling): boolean {
    return isZeroQuantity(bias.rate) || isOutsideUnitRange(bias.rate) || isZeroDuration(bias.every);
}

function checkValues(bias: BiasSampling, report: Report): void {
    const rate = bias.rate;
    if (rate && (isZeroQuantity(rate) || isOutsideUnitRange(rate))) {
        const meaning = isZeroQuantity(rate) ? 'so no decision is ever sampled and unequal outcomes go unseen' : 'more than every decision, a share no sample can reach';
        report({
            node: rate,
            evidence: 'presence',
            message: `Bias sampling ${quoted(bias.name)} has 'rate ${quantityText(rate)}', ${meaning}; write a share above 0% and at most 100%, such as 'rate 5%'.`,
        });
    }
    if (isZeroDuration(bias.every)) {
        report({
            node: bias,
            property: 'every',
            evidence: 'presence',
            message: `Bias sampling ${quoted(bias.name)} runs 'every ${bias.every}', which is no schedule; write how often the sample is reviewed, such as 'every 30d'.`,
        });
    }
}

/**
 * G32 is about natural persons: a decision marked `about people`. A decision that affects
 * someone's rights may be about a company (a business overdraft), so `affects user rights`
 * alone does not call for bias sampling.
 */
export const biasMustBeSampled = defineRule({
    code: 'data/bias-sampling',
    title: 'AI steps in decisions about people are covered by bias sampling with a rate, slices and a reviewer',
    severity: 'error',
    requirements: ['G32'],
    checks: {
        // Values that make a sample blind, wherever the block is written.
        BiasSampling: checkValues,
        Workflow: (workflow, report) => {
            const biases = workflow.monitoring?.bias ?? [];
            const relevant = aiStepsOf(workflow)
                .map((step) => ({ step, decision: decisionsFedBy(step).find((d) => d.aboutPeople) }))
                .filter((entry) => entry.decision !== undefined);
            if (relevant.length === 0) return;
            // Blocks reported on themselves (missing parts here, blind values by checkValues).
            const incomplete = new Set<BiasSampling>(biases.filter(hasBlindValue));
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
