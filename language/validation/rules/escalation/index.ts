import type { HitlRule } from '../../rule.js';

export const escalationRules: readonly HitlRule[] = [];
