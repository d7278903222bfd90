import { isHighRisk, decisionsFedBy, workflowOf } from '../../../analysis/governance.js';

import { defineRule, type RelatedNode } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { isZeroDuration } from '../../../analysis/governed-values.js';

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
