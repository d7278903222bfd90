import type { HitlRule } from '../../rule.js';
import { decisionsMustBeGraded } from './grade-required.js';
import { exemptionsMustBeExplained } from './exemption-rationale.js';
import { highRiskWorkflowsMustBeReviewed } from './pre-deployment-review.js';
import { reviewsMustBeCurrent } from './review-expired.js';
import { highRiskDecisionsMustAcceptResidualRisk } from './residual-risk.js';
import { highRiskDecisionsMustNotBeAutomated } from './high-risk-automated.js';
import { workflowsMustDeclareAStage } from './stage-required.js';

export const riskRules: readonly HitlRule[] = [
    decisionsMustBeGraded,
    highRiskWorkflowsMustBeReviewed,
    reviewsMustBeCurrent,
    exemptionsMustBeExplained,
    highRiskDecisionsMustAcceptResidualRisk,
    workflowsMustDeclareAStage,
    highRiskDecisionsMustNotBeAutomated,
];
