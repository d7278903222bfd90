import type { HitlRule } from '../../rule.js';
import { criticalDecisionsMustStayHuman } from './human-only-decision.js';
import { fourEyesCategoriesMustPassAFourEyesGate } from './four-eyes.js';
import { aiOutputMustPassAHuman } from './gate-bypass.js';
import { gatesMustAllowOverride } from './gate-actions.js';
import { oversightRolesMustDeclareCompetence } from './competence-declared.js';
import { gatesShouldShowAiContext } from './reviewer-context.js';
import { highRiskAiStepsMustExplain } from './explanation-required.js';
import { highRiskGatesMustNotPreselect } from './no-preselection.js';
import { highRiskGatesMustRequireRationale } from './rationale-required.js';
import { reviewersMustBeIndependent } from './separation-of-duties.js';
import { workflowsMustHaveAStopControl } from './stop-control.js';

export const oversightRules: readonly HitlRule[] = [
    aiOutputMustPassAHuman,
    gatesMustAllowOverride,
    workflowsMustHaveAStopControl,
    gatesShouldShowAiContext,
    highRiskAiStepsMustExplain,
    highRiskGatesMustRequireRationale,
    highRiskGatesMustNotPreselect,
    fourEyesCategoriesMustPassAFourEyesGate,
    reviewersMustBeIndependent,
    oversightRolesMustDeclareCompetence,
    criticalDecisionsMustStayHuman,
];
