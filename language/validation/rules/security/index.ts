import type { HitlRule } from '../../rule.js';

export const securityRules: readonly HitlRule[] = [];
