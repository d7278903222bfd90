import type { HitlRule } from '../../rule.js';

export const riskRules: readonly HitlRule[] = [];
