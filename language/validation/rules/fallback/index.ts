import type { HitlRule } from '../../rule.js';
import { aiStepsMustDeclareFallbacks } from './ai-fallbacks.js';
import { fallbacksMustNotSkip } from './never-skip.js';
import { aiStepsMustDeclareAConfidenceThreshold } from './confidence-threshold.js';
import { highRiskAiStepsMustBeEvaluated } from './evaluations.js';
import { queuesMustHaveOwnerAndTimeout } from './queue-owner-timeout.js';

export const fallbackRules: readonly HitlRule[] = [
    aiStepsMustDeclareFallbacks,
    fallbacksMustNotSkip,
    aiStepsMustDeclareAConfidenceThreshold,
    queuesMustHaveOwnerAndTimeout,
    highRiskAiStepsMustBeEvaluated,
];
