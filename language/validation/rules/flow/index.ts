import type { HitlRule } from '../../rule.js';
import { branchesShouldHaveOtherwise } from './branches-should-have-otherwise.js';
import { cyclesMustHaveAnExit } from './cycles-must-have-an-exit.js';
import { stepsMustBeReachable } from './steps-must-be-reachable.js';
import { stepsMustLeadSomewhere } from './steps-must-lead-somewhere.js';
import { outcomesMustRecordResult } from './outcomes-must-record-result.js';

export const flowRules: readonly HitlRule[] = [stepsMustBeReachable, stepsMustLeadSomewhere, cyclesMustHaveAnExit, branchesShouldHaveOtherwise, outcomesMustRecordResult];
