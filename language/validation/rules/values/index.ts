import type { HitlRule } from '../../rule.js';
import { confidenceMustBeInRange } from './confidence-must-be-in-range.js';
import { datesMustExist } from './dates-must-exist.js';
import { durationsMustBePositive } from './durations-must-be-positive.js';
import { percentagesMustBeInRange } from './percentages-must-be-in-range.js';

export const valueRules: readonly HitlRule[] = [confidenceMustBeInRange, percentagesMustBeInRange, durationsMustBePositive, datesMustExist];
