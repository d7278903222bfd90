import { isHighRisk, decisionsFedBy, workflowOf } from '../../../analysis/governance.js';
import type { AiStep, Quantity } from '../../../generated/ast.js';
import { defineRule, type RelatedNode, type Report } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { isOutsideUnitRange, isZeroDuration, isZeroQuantity, quantityText } from '../values/governed-values.js';

/** G22: "low confidence" means something only once the threshold is written down. */
export const aiStepsMustDeclareAConfidenceThreshold = defineRule({
    code: 'fallback/confidence-threshold',
    title: 'AI steps that feed a decision declare a confidence threshold above 0 and at most 1',
    severity: 'error',
    requirements: ['G22'],
    checks: {
        AiStep: (step, report) => {
            if (step.threshold) {
                checkThresholdValue(step, step.threshold, report);
                return;
            }
            const decisions = decisionsFedBy(step);
            if (decisions.length === 0) return;
            report({
                node: step,
                property: 'name',
                message: `AI step ${quoted(step.name)} feeds decision ${quoted(decisions[0].name)} but declares no confidence threshold, so 'low confidence' is undefined; add 'confidence threshold <0..1>' (for example 0.8) and an 'on low-confidence' route.`,
                related: decisions.map((d) => ({ node: d, message: `decision ${quoted(d.name)} is fed by ${quoted(step.name)}` })),
            });
        },
    },
});

/**
 * A threshold is a share of certainty: above 1 no output reaches it, so every item is "low
 * confidence"; at 0 every output clears it, so the low-confidence branch never runs. Either way
 * the threshold no longer separates what a person must look at. Reported wherever written.
 */
function checkThresholdValue(step: AiStep, threshold: Quantity, report: Report): void {
    const text = quantityText(threshold);
    let meaning: string | undefined;
    if (isOutsideUnitRange(threshold)) meaning = `above 1 (100%): no output is that confident, so every item takes the low-confidence branch and the threshold separates nothing`;
    else if (isZeroQuantity(threshold)) meaning = `so every output clears it and nothing ever takes the low-confidence branch`;
    if (!meaning) return;
    report({
        node: step,
        property: 'threshold',
        evidence: 'presence',
        message: `Confidence threshold of ${quoted(step.name)} is ${text}, ${meaning}; write a value above 0 and at most 1 (or 100%), such as 0.8.`,
    });
}

const REQUIRED_KINDS = ['stress', 'adversarial'] as const;

/** G24: high-risk AI is attacked and loaded on a schedule, and a failed test stops deployment. */
export const highRiskAiStepsMustBeEvaluated = defineRule({
    code: 'fallback/evaluations',
    title: 'AI steps feeding high-risk decisions have scheduled stress and adversarial evaluations that gate deployment',
    severity: 'error',
    requirements: ['G24'],
    checks: {
        // A period of zero is no schedule, whichever steps the evaluation covers.
        Evaluation: (evaluation, report) => {
            if (!isZeroDuration(evaluation.every)) return;
            report({
                node: evaluation,
                property: 'every',
                evidence: 'presence',
                message: `Evaluation ${quoted(evaluation.name)} runs 'every ${evaluation.every}', which is no schedule at all; write how often it runs, such as 'every 90d'.`,
            });
        },
        AiStep: (step, report) => {
            const decision = decisionsFedBy(step).find((d) => isHighRisk(d.risk));
            const workflow = workflowOf(step);
            if (!decision || !workflow) return;
            const covering = workflow.evaluations.filter((evaluation) => evaluation.covers.some((c) => c.ref === step));
            for (const kind of REQUIRED_KINDS) {
                const ofKind = covering.filter((evaluation) => evaluation.kind === kind);
                const related: RelatedNode[] = [{ node: decision, message: `decision ${quoted(decision.name)} is risk ${decision.risk}` }];
                if (ofKind.length === 0) {
                    report({
                        node: step,
                        property: 'name',
                        message: `AI step ${quoted(step.name)} feeds high-risk decision ${quoted(decision.name)} but no ${kind} evaluation covers it; add 'evaluation <Name> { kind ${kind} covers ${step.name} every <duration> gates deployment }'.`,
                        related,
                    });
                    continue;
                }
                if (ofKind.some((evaluation) => evaluation.every && evaluation.gatesDeployment)) continue;
                const evaluation = ofKind[0];
                const missing = [evaluation.every ? undefined : "'every <duration>'", evaluation.gatesDeployment ? undefined : "'gates deployment'"].filter(Boolean);
                report({
                    node: step,
                    property: 'name',
                    message: `AI step ${quoted(step.name)} feeds high-risk decision ${quoted(decision.name)}, but its ${kind} evaluation ${quoted(evaluation.name)} has no ${missing.join(' and no ')}, so it is not scheduled or does not stop a deployment; add ${missing.join(' and ')} to ${quoted(evaluation.name)}.`,
                    related: [...related, { node: evaluation, message: `${kind} evaluation ${quoted(evaluation.name)}` }],
                });
            }
        },
    },
});
