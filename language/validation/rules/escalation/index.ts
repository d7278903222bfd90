import type { HitlRule } from '../../rule.js';
import { chainsMustTerminate } from './chain-terminates.js';
import { escalationTargetsMustBeReachable } from './target-reachable.js';
import { escalationTargetsMustNotBeTheReviewer } from './target-not-reviewer.js';
import { escalationsMustGoHigher } from './higher-authority.js';
import { gatesMustTimeOut } from './timeout-required.js';
import { timeoutsMustFailClosed } from './fail-closed.js';
import { highRiskGatesShouldEscalateDisagreement } from './disagreement-route.js';
import { lowConfidenceMustReachAPerson } from './low-confidence-to-human.js';

export const escalationRules: readonly HitlRule[] = [
    gatesMustTimeOut,
    timeoutsMustFailClosed,
    escalationsMustGoHigher,
    chainsMustTerminate,
    lowConfidenceMustReachAPerson,
    highRiskGatesShouldEscalateDisagreement,
    escalationTargetsMustBeReachable,
    escalationTargetsMustNotBeTheReviewer,
];
