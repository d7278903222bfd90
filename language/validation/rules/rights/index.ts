import type { HitlRule } from '../../rule.js';
import { appealReviewersMustBeIndependent, rightsDecisionsMustBeAppealable } from './appeals.js';

export const rightsRules: readonly HitlRule[] = [rightsDecisionsMustBeAppealable, appealReviewersMustBeIndependent];
