import { isGate, isManualQueue, type Workflow } from '../generated/ast.js';
import { aiStepsOf, decisionsFedBy, decisionsOf, isHighRisk, isHighRiskWorkflow, isProtectedDecision } from '../analysis/governance.js';

/**
 * The governance requirements G01–G40 (docs/requirements.md) as the report
 * shows them: a short title, and when a requirement applies to a workflow at all.
 */
export interface Requirement {
    readonly id: string;
    readonly title: string;
    /** Undefined when the requirement applies; otherwise why it does not, for the report. */
    readonly notApplicable: (workflow: Workflow) => string | undefined;
}

const always = () => undefined;
const needsAi = (workflow: Workflow) => (aiStepsOf(workflow).length === 0 ? 'no AI step' : undefined);
const needsGate = (workflow: Workflow) => (workflow.steps.some(isGate) ? undefined : 'no human gate');
const needsHumanStep = (workflow: Workflow) => (workflow.steps.some((s) => isGate(s) || isManualQueue(s)) ? undefined : 'no human gate or manual queue');
const needsDecision = (workflow: Workflow) => (decisionsOf(workflow).length === 0 ? 'no decision' : undefined);
const needsHighRisk = (workflow: Workflow) => (isHighRiskWorkflow(workflow) ? undefined : 'no decision is graded high or critical');
const needsAiFeedingDecision = (workflow: Workflow) =>
    needsAi(workflow) ?? (aiStepsOf(workflow).some((step) => decisionsFedBy(step).length > 0) ? undefined : 'no AI step feeds a decision');
const needsAiFeedingHighRisk = (workflow: Workflow) =>
    needsAi(workflow) ?? (aiStepsOf(workflow).some((step) => decisionsFedBy(step).some((d) => isHighRisk(d.risk))) ? undefined : 'no AI step feeds a high-risk decision');

export const REQUIREMENTS: readonly Requirement[] = [
    { id: 'G01', title: 'No path from AI output to a side effect or final decision bypasses a human gate', notApplicable: (w) => needsAi(w) ?? (decisionsOf(w).some(isProtectedDecision) ? undefined : 'no decision is high risk or affects user rights') },
    { id: 'G02', title: 'Gates can approve, override and reject', notApplicable: needsGate },
    { id: 'G03', title: 'A stop control with owner and safe state', notApplicable: needsAi },
    { id: 'G04', title: 'Reviewers see output, confidence, explanation and model version', notApplicable: needsAi },
    { id: 'G05', title: 'High-risk gates require a rationale and do not pre-select', notApplicable: needsHighRisk },
    { id: 'G06', title: 'Marked categories get four-eyes review', notApplicable: (w) => (decisionsOf(w).some((d) => d.fourEyesCategories.length > 0) ? undefined : 'no decision is marked for four-eyes review') },
    { id: 'G07', title: 'Separation of duties', notApplicable: (w) => needsHumanStep(w) && needsHighRisk(w) },
    { id: 'G08', title: 'Oversight roles declare competence or training', notApplicable: (w) => needsHumanStep(w) && needsDecision(w) },
    { id: 'G09', title: 'Critical decision kinds stay human', notApplicable: (w) => (decisionsOf(w).some((d) => d.kind === 'risk-tradeoff' || d.kind === 'compliance-judgment' || d.kind === 'external-commitment') ? undefined : 'no risk trade-off, compliance judgment or external commitment') },
    { id: 'G10', title: 'One Accountable and at least one Responsible per step', notApplicable: (w) => (w.steps.length === 0 ? 'no steps' : undefined) },
    { id: 'G11', title: 'Every decision names a final-veto holder who sits on every path', notApplicable: needsDecision },
    { id: 'G12', title: 'Everything referenced is declared; Informed roles are reachable', notApplicable: always },
    { id: 'G13', title: 'Business owner and acceptance metrics', notApplicable: always },
    { id: 'G14', title: 'Every decision has a risk grade', notApplicable: needsDecision },
    { id: 'G15', title: 'High-risk workflows have a current pre-deployment review', notApplicable: needsHighRisk },
    { id: 'G16', title: 'High-risk decisions declare accepted residual risk', notApplicable: needsHighRisk },
    { id: 'G17', title: 'Rollout stage declared; high risk is never fully automated', notApplicable: always },
    { id: 'G18', title: 'Gates have an SLA and fail closed on timeout', notApplicable: needsGate },
    { id: 'G19', title: 'Escalation to higher authority, chains terminate', notApplicable: (w) => needsAi(w) && needsGate(w) },
    { id: 'G20', title: 'Escalation targets are reachable and not the reviewer', notApplicable: (w) => needsGate(w) && (w.escalations.length === 0 ? 'no escalation' : undefined) },
    { id: 'G21', title: 'AI steps fall back safely when unavailable, abnormal or unsure', notApplicable: needsAi },
    { id: 'G22', title: 'Confidence thresholds with a low-confidence branch', notApplicable: needsAiFeedingDecision },
    { id: 'G23', title: 'Every path ends in a recorded outcome', notApplicable: (w) => (w.steps.length === 0 ? 'no steps' : undefined) },
    { id: 'G24', title: 'Stress and adversarial evaluations gate deployment', notApplicable: needsAiFeedingHighRisk },
    { id: 'G25', title: 'Audit records inputs, model, output, intervention and result', notApplicable: needsAi },
    { id: 'G26', title: 'Audit records who verified each result', notApplicable: needsHumanStep },
    { id: 'G27', title: 'Audit retention of at least six months', notApplicable: needsAi },
    { id: 'G28', title: 'Model and prompt versions are pinned', notApplicable: needsAi },
    { id: 'G29', title: 'Datasets declare version, checks and personal data', notApplicable: (w) => needsAi(w) ?? (aiStepsOf(w).some((s) => s.inputs.length > 0) ? undefined : 'no AI step reads a dataset') },
    { id: 'G30', title: 'Drift monitoring with baseline, threshold and action', notApplicable: needsAi },
    { id: 'G31', title: 'Corrections and outcomes feed back; retraining is approved', notApplicable: needsAiFeedingDecision },
    { id: 'G32', title: 'Bias sampling for decisions about people', notApplicable: (w) => needsAi(w) ?? (decisionsOf(w).some((d) => d.aboutPeople) ? undefined : 'no decision is about people') },
    { id: 'G33', title: 'A serious-incident route with deadlines', notApplicable: needsAi },
    { id: 'G34', title: 'Appeals with an independent reviewer and SLA', notApplicable: (w) => (decisionsOf(w).some((d) => d.affectsUserRights) ? undefined : 'no decision affects user rights') },
    { id: 'G35', title: 'Personal data masked before AI and in audit logs', notApplicable: (w) => needsAi(w) ?? (aiStepsOf(w).some((s) => s.inputs.some((d) => d.ref?.fields.some((f) => f.personal))) ? undefined : 'no AI step reads personal data') },
    { id: 'G36', title: 'Least privilege; AI never holds approval rights', notApplicable: always },
    { id: 'G37', title: 'Secrets by reference, never inline', notApplicable: always },
    { id: 'G38', title: 'Intended use, out-of-scope uses and misuse monitors', notApplicable: (w) => (aiStepsOf(w).some((s) => s.userFacing) ? undefined : 'no user-facing AI step') },
    { id: 'G39', title: 'Suppressions carry reason, approver and expiry', notApplicable: always },
    { id: 'G40', title: 'Version and change approver', notApplicable: always },
];
