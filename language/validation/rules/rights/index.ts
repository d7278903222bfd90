import type { HitlRule } from '../../rule.js';
import { appealReviewersMustBeIndependent } from './independent-appeal-reviewer.js';
import { rightsDecisionsMustBeAppealable } from './appeal.js';

export const rightsRules: readonly HitlRule[] = [rightsDecisionsMustBeAppealable, appealReviewersMustBeIndependent];
