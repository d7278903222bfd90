import type { HitlRule } from '../../rule.js';
import { suppressionsMustBeComplete, suppressionsMustNotExpire } from './suppressions-must-be-complete.js';
import { workflowsMustBeVersioned } from './workflows-must-be-versioned.js';

export const changeRules: readonly HitlRule[] = [suppressionsMustBeComplete, suppressionsMustNotExpire, workflowsMustBeVersioned];
