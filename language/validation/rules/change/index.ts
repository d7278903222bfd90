import type { HitlRule } from '../../rule.js';
import { suppressionsMustBeComplete } from './suppression-incomplete.js';
import { suppressionsMustNotExpire } from './suppression-expired.js';
import { workflowsMustBeVersioned } from './version-and-approver.js';

export const changeRules: readonly HitlRule[] = [suppressionsMustBeComplete, suppressionsMustNotExpire, workflowsMustBeVersioned];
