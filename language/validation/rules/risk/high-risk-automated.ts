import { aiStepsOf, decisionsOf, isHighRisk } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

/** G17: a high-risk decision is never taken in a fully automated stage. */
export const highRiskDecisionsMustNotBeAutomated = defineRule({
    code: 'risk/high-risk-automated',
    title: 'High-risk decisions are not in the automate stage',
    severity: 'error',
    requirements: ['G17'],
    evidence: 'presence',
    checks: {
        Workflow: (workflow, report) => {
            if (aiStepsOf(workflow).length === 0) return;
            for (const decision of decisionsOf(workflow)) {
                if (!isHighRisk(decision.risk)) continue;
                if (decision.stage === 'automate') {
                    report({
                        node: decision,
                        property: 'stage',
                        message: `Decision ${quoted(decision.name)} is risk ${decision.risk} but in stage automate; a high-risk decision stays with people: write 'stage assist' (or 'stage shadow').`,
                    });
                } else if (!decision.stage && workflow.stage === 'automate') {
                    report({
                        node: decision,
                        property: 'name',
                        message: `Decision ${quoted(decision.name)} is risk ${decision.risk} and takes the workflow's 'stage automate'; a high-risk decision stays with people: add 'stage assist' to ${quoted(decision.name)}.`,
                        related: [{ node: workflow, message: `workflow ${quoted(workflow.name)} is in stage automate` }],
                    });
                }
            }
        },
    },
});
