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
