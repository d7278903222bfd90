/** Tiny workflows whose behaviour under simulation can be worked out by hand. */

/** One gate, nothing else: an M/M/c queue when arrivals are Poisson and handling exponential. */
export const ONE_GATE = `
role Reviewer { channel Inbox }
channel Inbox { kind queue address "queue://inbox" }
workflow OneGate {
    start Review
    gate Review {
        reviewer Reviewer
        allows approve
        on approve -> Done
    }
    outcome Done { result "done" }
}
`;

/** A gate whose SLA timer denies. */
export const DENY_ON_TIMEOUT = `
role Reviewer { channel Inbox }
channel Inbox { kind queue address "queue://inbox" }
workflow DenyOnTimeout {
    start Review
    gate Review {
        reviewer Reviewer
        allows approve, reject
        sla 1h
        on approve -> Approved
        on reject -> Rejected
        on timeout deny
    }
    outcome Approved { result "approved" }
    outcome Rejected { result "rejected" }
}
`;

/** A gate whose SLA timer escalates along a two-level chain that denies at its end. */
export const ESCALATE_ON_TIMEOUT = `
role Reviewer { channel Inbox }
role Lead { channel Inbox }
role Head { channel Inbox }
channel Inbox { kind queue address "queue://inbox" }
workflow EscalateOnTimeout {
    start Review
    gate Review {
        reviewer Reviewer
        allows approve, reject
        sla 1h
        on approve -> Approved
        on reject -> Rejected
        on timeout escalate to Chain
    }
    outcome Approved { result "approved" }
    outcome Rejected { result "rejected" }
    escalation Chain {
        to Lead via Inbox within 30m
        to Head via Inbox within 1h
        on timeout deny
    }
}
`;

/** An AI step with a confidence threshold and fallbacks, then a decision with declared route probabilities. */
export const AI_THEN_BRANCH = `
role Reviewer { channel Inbox }
channel Inbox { kind queue address "queue://inbox" }
policy Hold { behaviour hold }
workflow AiThenBranch {
    start Classify
    ai step Classify {
        task classification
        confidence threshold 0.8
        on unavailable use Hold -> Manual
        on low-confidence -> Manual
        then Route
    }
    queue Manual {
        owner Reviewer
        then Route
    }
    decision Route {
        kind classification
        decided by Reviewer
        when amount > 1000 probability 20% -> Large
        otherwise -> Small
    }
    outcome Large { result "large" }
    outcome Small { result "small" }
}
`;

/** A four-eyes gate: two different people of one role each review in turn. */
export const FOUR_EYES = `
role Reviewer { channel Inbox }
channel Inbox { kind queue address "queue://inbox" }
workflow FourEyes {
    start Review
    gate Review {
        reviewer Reviewer
        allows approve
        four-eyes
        on approve -> Done
    }
    outcome Done { result "done" }
}
`;

/** A gate with two reviewer roles: one person of each. */
export const TWO_ROLES = `
role Reviewer { channel Inbox }
role Checker { channel Inbox }
channel Inbox { kind queue address "queue://inbox" }
workflow TwoRoles {
    start Review
    gate Review {
        reviewer Reviewer, Checker
        allows approve
        on approve -> Done
    }
    outcome Done { result "done" }
}
`;

/** Two gates that share their people, one before a high-risk decision, one before a low-risk one. */
export const RISK_ORDER = `
role Reviewer { channel Inbox }
channel Inbox { kind queue address "queue://inbox" }
workflow RiskOrder {
    start Triage
    decision Triage {
        kind classification
        decided by Reviewer
        when grade == "high" probability 30% -> HighReview
        otherwise -> LowReview
    }
    gate HighReview {
        reviewer Reviewer
        allows approve
        on approve -> HighDecision
    }
    gate LowReview {
        reviewer Reviewer
        allows approve
        on approve -> LowDecision
    }
    decision HighDecision {
        kind eligibility
        decided by Reviewer
        risk high
        then Done
    }
    decision LowDecision {
        kind eligibility
        decided by Reviewer
        risk low
        then Done
    }
    outcome Done { result "done" }
}
`;

/** Four steps that take time and never wait for each other: an automated step, an effect, an AI step and a gate. */
export const DELAY_CHAIN = `
role Reviewer { channel Inbox }
channel Inbox { kind queue address "queue://inbox" }
workflow DelayChain {
    start Prepare
    automated step Prepare { then Send }
    effect Send { kind notify then Score }
    ai step Score { task scoring then Review }
    gate Review {
        reviewer Reviewer
        allows approve
        on approve -> Done
    }
    outcome Done { result "done" }
}
`;
