import type { HitlRule } from '../../rule.js';
import { aiStepsMustDeclareFallbacks, fallbacksMustNotSkip } from './ai-step-fallbacks.js';
import { aiStepsMustDeclareAConfidenceThreshold, highRiskAiStepsMustBeEvaluated } from './ai-step-requirements.js';
import { queuesMustHaveOwnerAndTimeout } from './queues-must-have-owner-and-timeout.js';

export const fallbackRules: readonly HitlRule[] = [
    aiStepsMustDeclareFallbacks,
    fallbacksMustNotSkip,
    aiStepsMustDeclareAConfidenceThreshold,
    queuesMustHaveOwnerAndTimeout,
    highRiskAiStepsMustBeEvaluated,
];
