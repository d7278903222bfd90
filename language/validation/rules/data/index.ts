import type { HitlRule } from '../../rule.js';

export const dataRules: readonly HitlRule[] = [];
