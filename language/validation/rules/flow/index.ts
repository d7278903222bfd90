import type { HitlRule } from '../../rule.js';
import { branchesShouldHaveOtherwise } from './missing-otherwise.js';
import { cyclesMustHaveAnExit } from './cycle-without-exit.js';
import { stepsMustBeReachable } from './unreachable-step.js';
import { stepsMustLeadSomewhere } from './dead-end.js';
import { outcomesMustRecordResult } from './outcome-without-result.js';

export const flowRules: readonly HitlRule[] = [stepsMustBeReachable, stepsMustLeadSomewhere, cyclesMustHaveAnExit, branchesShouldHaveOtherwise, outcomesMustRecordResult];
