import type { HitlRule } from '../../rule.js';
import { intendedUseMustBeDeclared } from './intended-use.js';
import { userFacingStepsMustBeMonitoredForMisuse } from './misuse-monitor.js';
import { personalDataMustBeMasked } from './masking.js';
import { aiActorsMustNotApprove } from './ai-approval-rights.js';
import { permissionsShouldBeUsed } from './least-privilege.js';
import { secretsMustNotBeInline } from './inline-secret.js';

export const securityRules: readonly HitlRule[] = [
    personalDataMustBeMasked,
    aiActorsMustNotApprove,
    permissionsShouldBeUsed,
    secretsMustNotBeInline,
    intendedUseMustBeDeclared,
    userFacingStepsMustBeMonitoredForMisuse,
];
