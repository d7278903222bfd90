/**
 * The closed word lists of the language, as data. The model never imports the Langium AST, so
 * the lists are written out here; language/compiler/vocabulary-check.ts makes the compiler fail
 * to typecheck when the grammar and these lists disagree.
 */

export const AI_TASKS = ['screening', 'categorisation', 'classification', 'drafting', 'scoring', 'extraction', 'summarisation', 'recommendation', 'triage', 'detection'] as const;
export const ATTACK_KINDS = ['prompt-injection', 'data-poisoning', 'model-theft', 'evasion', 'jailbreak'] as const;
/** The audit fields with a fixed meaning; a workflow may record further fields by a quoted name. */
export const AUDIT_FIELDS = [
    'input-version',
    'input-hash',
    'model-version',
    'prompt-version',
    'features',
    'ai-output',
    'confidence',
    'explanation',
    'reviewer',
    'action',
    'rationale',
    'final-result',
    'timestamps',
    'workflow-version',
    'decision-id',
] as const;
export const BREACH_ACTIONS = ['degrade-to-manual', 'pause', 'alert', 'rollback', 'retrain'] as const;
export const CHANNEL_KINDS = ['email', 'chat', 'pager', 'queue', 'ticket', 'webhook', 'phone', 'portal', 'letter', 'sms'] as const;
export const COMPARATORS = ['<', '<=', '>', '>=', '==', '!='] as const;
export const DECISION_KINDS = ['risk-tradeoff', 'compliance-judgment', 'external-commitment', 'eligibility', 'classification', 'prioritisation', 'operational'] as const;
export const EFFECT_KINDS = ['execute', 'publish', 'notify', 'commit'] as const;
export const ESCALATION_TRIGGERS = ['low-confidence', 'high-risk', 'disagreement', 'timeout', 'complaint'] as const;
export const EVALUATION_KINDS = ['stress', 'adversarial', 'bias', 'regression'] as const;
export const FEEDBACK_SIGNALS = ['corrections', 'outcomes', 'complaints', 'overrides'] as const;
export const GATE_ACTIONS = ['approve', 'override', 'reject', 'edit', 'request-info'] as const;
export const MASK_SCOPES = ['ai-input', 'audit', 'ui', 'exports'] as const;
export const MISUSE_ACTIONS = ['block', 'flag', 'throttle', 'alert', 'pause'] as const;
export const PERMISSIONS = ['view', 'read', 'approve', 'override', 'edit', 'reject', 'veto', 'execute', 'publish', 'halt', 'configure', 'retrain', 'export'] as const;
export const POLICY_BEHAVIOURS = ['deny', 'hold', 'refer', 'rule-based', 'default-safe'] as const;
export const REVIEW_CONCLUSIONS = ['approved', 'approved-with-conditions', 'rejected'] as const;
/** In increasing order: "high risk" in the requirements means high or critical. */
export const RISK_GRADES = ['low', 'medium', 'high', 'critical'] as const;
export const ROLLOUT_STAGES = ['shadow', 'assist', 'automate'] as const;
export const ROUTE_EVENTS = ['approve', 'override', 'reject', 'edit', 'request-info', 'timeout', 'unavailable', 'abnormal-output', 'low-confidence', 'disagreement', 'error'] as const;
/** The route events that are an AI failure mode: a route on one of them is a fallback. */
export const FAILURE_MODES = ['unavailable', 'abnormal-output', 'low-confidence', 'error'] as const;
export const SAFE_STATES = ['hold', 'route-to-manual', 'reject-pending', 'complete-in-flight'] as const;
export const SHOWN_ITEMS = ['ai-output', 'confidence', 'explanation', 'model-version', 'input', 'prior-decisions'] as const;
export const TIMEOUT_ACTIONS = ['escalate', 'deny', 'pause', 'approve', 'skip'] as const;

export type RiskGrade = (typeof RISK_GRADES)[number];
export type FailureMode = (typeof FAILURE_MODES)[number];
export type GateAction = (typeof GATE_ACTIONS)[number];
export type TimeoutActionKind = (typeof TIMEOUT_ACTIONS)[number];

/** The rank of a risk grade (low 0 … critical 3), -1 for none. */
export function riskRank(grade: string | undefined): number {
    return grade ? RISK_GRADES.indexOf(grade as RiskGrade) : -1;
}

/** "High risk" in the requirements means high or critical. */
export function isHighRisk(grade: string | undefined): boolean {
    return riskRank(grade) >= riskRank('high');
}
