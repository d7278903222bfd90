import type { HitlRule } from '../../rule.js';
import { durationsMustBePositive } from './durations-must-be-positive.js';
import { percentagesMustBeInRange } from './percentages-must-be-in-range.js';

export const valueRules: readonly HitlRule[] = [percentagesMustBeInRange, durationsMustBePositive];
