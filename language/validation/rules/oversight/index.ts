import type { HitlRule } from '../../rule.js';

export const oversightRules: readonly HitlRule[] = [];
