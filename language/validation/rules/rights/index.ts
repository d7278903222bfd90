import type { HitlRule } from '../../rule.js';

export const rightsRules: readonly HitlRule[] = [];
