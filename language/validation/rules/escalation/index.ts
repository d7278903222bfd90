import type { HitlRule } from '../../rule.js';
import { chainsMustTerminate } from './chains-must-terminate.js';
import { escalationTargetsMustBeReachable, escalationTargetsMustNotBeTheReviewer } from './escalation-targets.js';
import { escalationsMustGoHigher } from './escalations-must-go-higher.js';
import { gatesMustTimeOut, timeoutsMustFailClosed } from './gates-must-time-out.js';
import { highRiskGatesShouldEscalateDisagreement, lowConfidenceMustReachAPerson } from './low-confidence-must-reach-a-person.js';

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
