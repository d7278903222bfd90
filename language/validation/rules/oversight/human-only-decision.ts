import { isHumanParty, nonPersonLabel } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

/** Decision kinds that stay with people (G09): trade-offs, compliance judgments, commitments. */
export const HUMAN_ONLY_KINDS: ReadonlySet<string> = new Set(['risk-tradeoff', 'compliance-judgment', 'external-commitment']);

export const criticalDecisionsMustStayHuman = defineRule({
    code: 'oversight/human-only-decision',
    title: 'Risk trade-offs, compliance judgments and external commitments are never decided or performed by AI',
    severity: 'error',
    requirements: ['G09'],
    evidence: 'presence',
    checks: {
        Decision: (decision, report) => {
            if (!decision.kind || !HUMAN_ONLY_KINDS.has(decision.kind)) return;
            const what = `Decision ${quoted(decision.name)} is a ${decision.kind}, which only a person may make`;
            const decider = decision.decidedBy?.ref;
            if (decider && !isHumanParty(decider)) {
                report({ node: decision, property: 'decidedBy', message: `${what}, but it is decided by ${nonPersonLabel(decider)}; write 'decided by <Role>' and let the AI only recommend.` });
            }
            const raci = decision.raci;
            for (const property of ['responsible', 'accountable'] as const) {
                raci?.[property].forEach((party, index) => {
                    if (party.ref && !isHumanParty(party.ref)) {
                        report({ node: raci, property, index, message: `${what}, but ${nonPersonLabel(party.ref)} is ${property} for it; name a human role or team.` });
                    }
                });
            }
            if (decision.stage === 'automate') {
                report({ node: decision, property: 'stage', message: `${what}, but its stage is 'automate'; use 'stage assist' (or shadow).` });
            } else if (!decision.stage && decision.$container.stage === 'automate') {
                report({ node: decision, property: 'name', message: `${what}, but it inherits stage 'automate' from workflow ${quoted(decision.$container.name)}; add 'stage assist' to the decision.` });
            }
        },
    },
});
