import { defineRule } from '../../rule.js';

/** G15: an exemption from part of a review says why, so that it can be challenged later. */
export const exemptionsMustBeExplained = defineRule({
    code: 'risk/exemption-rationale',
    title: 'Review exemptions carry a rationale',
    severity: 'error',
    requirements: ['G15'],
    checks: {
        Exemption: (exemption, report) => {
            if (exemption.rationale?.trim()) return;
            report({
                node: exemption,
                message: `Exemption "${exemption.what}" has no rationale; write 'exemption "${exemption.what}" because "<why this part of the review does not apply>"'.`,
            });
        },
    },
});
