import type { HitlRule } from '../../rule.js';

export const fallbackRules: readonly HitlRule[] = [];
