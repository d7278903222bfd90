import { isHighRisk, decisionsFedBy, workflowOf } from '../../../analysis/governance.js';
import { defineRule, type RelatedNode } from '../../rule.js';
import { quoted } from '../../../util/names.js';

/** G22: "low confidence" means something only once the threshold is written down. */
export const aiStepsMustDeclareAConfidenceThreshold = defineRule({
    code: 'fallback/confidence-threshold',
    title: 'AI steps that feed a decision declare a confidence threshold',
    severity: 'error',
    requirements: ['G22'],
    checks: {
        AiStep: (step, report) => {
            if (step.threshold) return;
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

const REQUIRED_KINDS = ['stress', 'adversarial'] as const;

/** G24: high-risk AI is attacked and loaded on a schedule, and a failed test stops deployment. */
export const highRiskAiStepsMustBeEvaluated = defineRule({
    code: 'fallback/evaluations',
    title: 'AI steps feeding high-risk decisions have scheduled stress and adversarial evaluations that gate deployment',
    severity: 'error',
    requirements: ['G24'],
    checks: {
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
