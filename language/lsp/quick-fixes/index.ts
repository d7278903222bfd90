import { oversightFixes } from './oversight.js';
import { raciFixes } from './raci.js';
import { riskFixes } from './risk.js';
import { escalationFixes } from './escalation.js';
import { fallbackFixes } from './fallback.js';
import { auditFixes } from './audit.js';
import { dataFixes } from './data.js';
import { rightsFixes } from './rights.js';
import { securityFixes } from './security.js';
import { changeFixes } from './change.js';
import { referenceFixes } from './references.js';
import type { QuickFixes } from './quick-fix.js';

/** Every quick fix, by the diagnostic code it fixes. */
export const quickFixes: QuickFixes = {
    ...oversightFixes,
    ...raciFixes,
    ...riskFixes,
    ...escalationFixes,
    ...fallbackFixes,
    ...auditFixes,
    ...dataFixes,
    ...rightsFixes,
    ...securityFixes,
    ...changeFixes,
    ...referenceFixes,
};

/**
 * The quick fixes that apply to a finding on a value its rule judges (governed-values.ts):
 * those that rewrite the value. Other values are for the author to choose.
 */
export const valueQuickFixes: QuickFixes = {
    'audit/retention': auditFixes['audit/retention'],
};
