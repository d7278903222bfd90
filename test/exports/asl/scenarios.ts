import type { RouteScenario } from '../../../language/exports/route-scenarios.js';

/**
 * Route scenarios written by hand from the samples' text, until the shared route table lands:
 * each expected outcome is read off the .hitl file (the comment says how).
 */
export const HAND_SCENARIOS: ReadonlyArray<{ readonly workflow: string; readonly scenarios: readonly RouteScenario[] }> = [
    {
        workflow: 'MotorClaimsTriage',
        scenarios: [
            // fraud_score >= 0.7 → FraudReferral → ManagerReview → PayoutDecision `decision == "pay"`.
            { name: 'every step takes its default', choices: {}, expected: 'ClaimSettled' },
            { name: 'ScoreFraud: no fraud, small claim; payout declined', choices: { ScoreFraud: { kind: 'decision', branch: 2 }, PayoutDecision: { kind: 'decision', branch: 1 } }, expected: 'ClaimDeclined' },
            { name: 'ScoreFraud: large claim; ManagerReview rejects, payout declined', choices: { ScoreFraud: { kind: 'decision', branch: 1 }, ManagerReview: { kind: 'gate', action: 'reject' }, PayoutDecision: { kind: 'decision', branch: 1 } }, expected: 'ClaimDeclined' },
            { name: 'HandlerAssessment overrides', choices: { ScoreFraud: { kind: 'decision', branch: 2 }, HandlerAssessment: { kind: 'gate', action: 'override' } }, expected: 'ClaimSettled' },
            // on unavailable → ManualClaimIntake → then ScoreFraud.
            { name: 'ExtractClaimDetails unavailable', choices: { ExtractClaimDetails: { kind: 'ai', result: 'unavailable' }, ScoreFraud: { kind: 'decision', branch: 2 } }, expected: 'ClaimSettled' },
            // ClaimsEscalation has three levels and `on timeout deny`; the queue has no reject route: denied.
            { name: 'ExtractClaimDetails unsure; ManualClaimIntake times out through every level', choices: { ExtractClaimDetails: { kind: 'ai', result: 'low-confidence' }, ManualClaimIntake: { kind: 'queue', action: 'timeout', levelsTimingOut: 3 } }, expected: 'denied' },
            { name: 'ManualClaimIntake times out, level 2 completes it', choices: { ExtractClaimDetails: { kind: 'ai', result: 'abnormal-output' }, ManualClaimIntake: { kind: 'queue', action: 'timeout', levelsTimingOut: 1 } }, expected: 'ClaimSettled' },
            { name: 'ScoreFraud unavailable → ManualFraudCheck → ManagerReview', choices: { ScoreFraud: { kind: 'ai', result: 'unavailable' } }, expected: 'ClaimSettled' },
            // FraudEscalation: two levels, then deny; ManualFraudCheck has no reject route.
            { name: 'ScoreFraud abnormal; ManualFraudCheck times out through both levels', choices: { ScoreFraud: { kind: 'ai', result: 'abnormal-output' }, ManualFraudCheck: { kind: 'queue', action: 'timeout', levelsTimingOut: 2 } }, expected: 'denied' },
            // No `on error` fallback.
            { name: 'ScoreFraud fails with an error', choices: { ScoreFraud: { kind: 'ai', result: 'error' } }, expected: 'failed:error' },
            // `on timeout deny` follows ManagerReview's reject route, to PayoutDecision.
            { name: 'ScoreFraud unsure; ManagerReview times out (deny)', choices: { ScoreFraud: { kind: 'ai', result: 'low-confidence' }, ManagerReview: { kind: 'gate', action: 'timeout' }, PayoutDecision: { kind: 'decision', branch: 1 } }, expected: 'ClaimDeclined' },
            { name: 'HandlerAssessment times out, level 1 approves', choices: { ScoreFraud: { kind: 'decision', branch: 2 }, HandlerAssessment: { kind: 'gate', action: 'timeout' } }, expected: 'ClaimSettled' },
            { name: 'FraudReferral times out (deny → ManagerReview)', choices: { FraudReferral: { kind: 'gate', action: 'timeout' } }, expected: 'ClaimSettled' },
        ],
    },
    {
        workflow: 'CreditLimitIncrease',
        scenarios: [
            { name: 'every step takes its default', choices: {}, expected: 'Granted' },
            { name: 'LimitDecision declines', choices: { LimitDecision: { kind: 'decision', branch: 1 } }, expected: 'Declined' },
            { name: 'Score unsure; SeniorReview rejects', choices: { Score: { kind: 'ai', result: 'low-confidence' }, SeniorReview: { kind: 'gate', action: 'reject' }, LimitDecision: { kind: 'decision', branch: 1 } }, expected: 'Declined' },
            // ManualUnderwriting declares `timeout 2d` but no timeout route: nothing to time out into.
            { name: 'Score unavailable → ManualUnderwriting', choices: { Score: { kind: 'ai', result: 'unavailable' } }, expected: 'Granted' },
            { name: 'Score abnormal → ManualUnderwriting', choices: { Score: { kind: 'ai', result: 'abnormal-output' }, LimitDecision: { kind: 'decision', branch: 1 } }, expected: 'Declined' },
            { name: 'Score fails with an error', choices: { Score: { kind: 'ai', result: 'error' } }, expected: 'failed:error' },
            // CreditEscalation ends in deny, which follows UnderwriterReview's reject route to LimitDecision.
            { name: 'UnderwriterReview times out through every level', choices: { UnderwriterReview: { kind: 'gate', action: 'timeout', levelsTimingOut: 3 }, LimitDecision: { kind: 'decision', branch: 1 } }, expected: 'Declined' },
            { name: 'SeniorReview times out, level 2 approves', choices: { Score: { kind: 'ai', result: 'low-confidence' }, SeniorReview: { kind: 'gate', action: 'timeout', levelsTimingOut: 1 } }, expected: 'Granted' },
        ],
    },
    {
        workflow: 'CustomerRefunds',
        scenarios: [
            // AssessRefund: amount > 200 → AgentReview; otherwise → AutoRefund → IssueRefund.
            { name: 'a clear-cut small refund goes through automatically', choices: { AssessRefund: { kind: 'decision', branch: 3 } }, expected: 'Refunded' },
            { name: 'AgentReview: suggested outcome not a refund; refused', choices: { AssessRefund: { kind: 'decision', branch: 1 }, RefundDecision: { kind: 'decision', branch: 1 } }, expected: 'RefundRefused' },
            // RefundsEscalation: three levels, then pause.
            { name: 'AgentReview times out through every level', choices: { AgentReview: { kind: 'gate', action: 'timeout', levelsTimingOut: 3 } }, expected: 'paused' },
            { name: 'AssessRefund unavailable; ManualRefunds times out through every level', choices: { AssessRefund: { kind: 'ai', result: 'unavailable' }, ManualRefunds: { kind: 'queue', action: 'timeout', levelsTimingOut: 3 } }, expected: 'paused' },
            { name: 'AssessRefund unsure; AgentReview overrides', choices: { AssessRefund: { kind: 'ai', result: 'low-confidence' }, AgentReview: { kind: 'gate', action: 'override' } }, expected: 'Refunded' },
        ],
    },
];
