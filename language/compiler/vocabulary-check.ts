import type * as Ast from '../generated/ast.js';
import type * as Words from '../model/vocabulary.js';

/**
 * The model's word lists (model/vocabulary.ts) must say what the grammar says: each line below
 * fails to typecheck when a list and the grammar's type differ, so a new keyword cannot reach
 * the AST without reaching the model. (Audit fields are open: a quoted name is one too.)
 */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Word<T extends readonly string[]> = T[number];

export type VocabularyMatchesGrammar = [
    Same<Ast.AiTask, Word<typeof Words.AI_TASKS>>,
    Same<Ast.AttackKind, Word<typeof Words.ATTACK_KINDS>>,
    Same<Ast.BreachAction, Word<typeof Words.BREACH_ACTIONS>>,
    Same<Ast.ChannelKind, Word<typeof Words.CHANNEL_KINDS>>,
    Same<Ast.Comparator, Word<typeof Words.COMPARATORS>>,
    Same<Ast.DecisionKind, Word<typeof Words.DECISION_KINDS>>,
    Same<Ast.EffectKind, Word<typeof Words.EFFECT_KINDS>>,
    Same<Ast.EscalationTrigger, Word<typeof Words.ESCALATION_TRIGGERS>>,
    Same<Ast.EvaluationKind, Word<typeof Words.EVALUATION_KINDS>>,
    Same<Ast.FeedbackSource, Word<typeof Words.FEEDBACK_SIGNALS>>,
    Same<Ast.GateAction, Word<typeof Words.GATE_ACTIONS>>,
    Same<Ast.MaskScope, Word<typeof Words.MASK_SCOPES>>,
    Same<Ast.MisuseAction, Word<typeof Words.MISUSE_ACTIONS>>,
    Same<Ast.Permission, Word<typeof Words.PERMISSIONS>>,
    Same<Ast.PolicyBehaviour, Word<typeof Words.POLICY_BEHAVIOURS>>,
    Same<Ast.ReviewConclusion, Word<typeof Words.REVIEW_CONCLUSIONS>>,
    Same<Ast.RiskGrade, Word<typeof Words.RISK_GRADES>>,
    Same<Ast.RolloutStage, Word<typeof Words.ROLLOUT_STAGES>>,
    Same<Ast.RouteEvent, Word<typeof Words.ROUTE_EVENTS>>,
    Same<Ast.SafeState, Word<typeof Words.SAFE_STATES>>,
    Same<Ast.ShownItem, Word<typeof Words.SHOWN_ITEMS>>,
    Same<Ast.TimeoutAction['kind'], Word<typeof Words.TIMEOUT_ACTIONS>>,
];

/** Fails to typecheck unless every entry above is `true`. */
export const vocabularyMatchesGrammar: VocabularyMatchesGrammar = [
    true, true, true, true, true, true, true, true, true, true, true,
    true, true, true, true, true, true, true, true, true, true, true,
];
