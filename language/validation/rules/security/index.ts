import type { HitlRule } from '../../rule.js';
import { intendedUseMustBeDeclared, userFacingStepsMustBeMonitoredForMisuse } from './intended-use.js';
import { personalDataMustBeMasked } from './masking.js';
import { aiActorsMustNotApprove, permissionsShouldBeUsed } from './permissions.js';
import { secretsMustNotBeInline } from './secrets.js';

export const securityRules: readonly HitlRule[] = [
    personalDataMustBeMasked,
    aiActorsMustNotApprove,
    permissionsShouldBeUsed,
    secretsMustNotBeInline,
    intendedUseMustBeDeclared,
    userFacingStepsMustBeMonitoredForMisuse,
];
