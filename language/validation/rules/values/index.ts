import type { HitlRule } from '../../rule.js';
import { durationsMustBePositive } from './non-positive-duration.js';
import { percentagesMustBeInRange } from './percentage-out-of-range.js';

export const valueRules: readonly HitlRule[] = [percentagesMustBeInRange, durationsMustBePositive];
