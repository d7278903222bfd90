/**
 * A workspace whose findings cross files in every way a rule or the linker reads another file,
 * each across files that nothing else ties together, among unrelated workflows (names → text):
 * - an escalation whose approving timeout concerns a gate two hand-overs and two files away;
 * - a dataset without a version read by an AI step of another file;
 * - a model with a version range used through an AI actor of a third file;
 * - names declared twice, in files that refer to neither and that nothing else ties together;
 * - typos whose suggestions are declared in files nothing else refers to;
 * - references to a name declared twice, which go to the first declaration by file.
 */
export function crossFileWorkspace(workflows: number): Record<string, string> {
    const files: Record<string, string> = {
        'org.hitl': `channel Pager {\n    kind pager\n}\n\nrole Lead {\n    authority 3\n    channel Pager\n}\n\nrole Head {\n    authority 4\n    channel Pager\n    final authority\n}\n`,
        'escalation-first.hitl': `escalation FirstLine {\n    to Lead via Pager within 4h\n    on timeout escalate to LastLine\n}\n`,
        'escalation-last.hitl': `escalation LastLine {\n    to Head via Pager within 1d\n    on timeout approve\n}\n\nescalation Unused {\n    to Head via Pager within 1d\n    on timeout approve\n}\n`,
        'models.hitl': `model Ranker {\n    version "^1.2"\n}\n\nmodel Scorer {\n    version "1.0.0"\n}\n`,
        'actors.hitl': `ai actor RankingService {\n    model Ranker\n}\n`,
        'datasets.hitl': `dataset Applications {\n    owner Lead\n}\n`,
        // Declared here and in lending.hitl; the two files do not refer to each other.
        'duplicates.hitl': `role Underwriter {\n    authority 2\n    channel Pager\n}\n\nmodel Scorer {\n    version "2.0.0"\n}\n`,
        'lending.hitl': lending,
        'audit-left.hitl': `role Auditor {\n    authority 2\n}\n`,
        'audit-right.hitl': `role Auditor {\n    authority 3\n}\n`,
        // Only the suggestions name these.
        'far-away.hitl': `role Approver {\n    authority 2\n}\n\nrole Approvers {\n    authority 2\n}\n`,
        'typos.hitl': `workflow Typos {\n    start Check\n\n    gate Check {\n        reviewer Aprover\n        sla 8h\n        on approve -> Done\n        on reject -> Done\n        on timeout deny\n    }\n\n    ai step Guess {\n        model Rankr\n        input Aplications\n        then Done\n    }\n\n    outcome Done\n}\n`,
    };
    for (let i = 1; i <= workflows; i++) files[`workflow-${String(i).padStart(3, '0')}.hitl`] = filler(i);
    return files;
}

const lending = `role Underwriter {
    authority 2
    channel Pager
}

model Scorer {
    version "1.0.0"
}

workflow Lending {
    start Score

    ai step Score {
        model Scorer
        input Applications
        then Rank
    }

    ai step Rank {
        actor RankingService
        then Review
    }

    gate Review {
        reviewer Underwriter
        reviews Score
        sla 8h
        on approve -> Grant
        on reject -> Done
        on timeout escalate to FirstLine
    }

    decision Grant {
        risk high
        then Done
    }

    outcome Done
}
`;

/** A workflow of its own, with its own role and model; every third one has a typo. */
function filler(i: number): string {
    const typo = i % 3 === 0 ? `Reviewr${i}` : `Reviewer${i}`;
    return `role Reviewer${i} {
    authority 2
    channel Pager
}

model Model${i} {
    version "1.0.${i}"
}

workflow Flow${i} {
    start Score

    ai step Score {
        model Model${i}
        then Review
    }

    gate Review {
        reviewer ${typo}
        reviews Score
        sla 8h
        on approve -> Grant
        on reject -> Done
        on timeout escalate to Lead
    }

    decision Grant {
        risk medium
        then Done
    }

    outcome Done
}
`;
}
