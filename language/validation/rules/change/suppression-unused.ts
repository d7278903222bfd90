import type { RuleMeta } from '../../rule.js';

/**
 * Checked after every other rule has run on the document (see the registry), because only
 * then is it known which suppressions took effect.
 */
export const suppressionsMustBeUsed: RuleMeta = {
    code: 'change/suppression-unused',
    title: 'A suppression suppresses something',
    severity: 'warning',
    requirements: ['G39'],
};
