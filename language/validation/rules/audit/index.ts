import type { HitlRule } from '../../rule.js';

export const auditRules: readonly HitlRule[] = [];
