import type { HitlRule } from '../../rule.js';

export const raciRules: readonly HitlRule[] = [];
