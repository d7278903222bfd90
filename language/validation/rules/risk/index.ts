import type { HitlRule } from '../../rule.js';
import { decisionsMustBeGraded } from './decisions-must-be-graded.js';
import { exemptionsMustBeExplained, highRiskWorkflowsMustBeReviewed, reviewsMustBeCurrent } from './pre-deployment-reviews.js';
import { highRiskDecisionsMustAcceptResidualRisk } from './residual-risk-must-be-accepted.js';
import { highRiskDecisionsMustNotBeAutomated, workflowsMustDeclareAStage } from './rollout-stages.js';

export const riskRules: readonly HitlRule[] = [
    decisionsMustBeGraded,
    highRiskWorkflowsMustBeReviewed,
    reviewsMustBeCurrent,
    exemptionsMustBeExplained,
    highRiskDecisionsMustAcceptResidualRisk,
    workflowsMustDeclareAStage,
    highRiskDecisionsMustNotBeAutomated,
];
