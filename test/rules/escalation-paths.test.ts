import type { Diagnostic } from 'vscode-languageserver-types';
import { describe, expect, test } from 'vitest';
import { buildWorkspace } from '../services.js';

/** The 1-based line and the file name of each related location, with its message. */
function relatedOf(diagnostic: Diagnostic) {
    return (diagnostic.relatedInformation ?? []).map((info) => ({
        file: info.location.uri.split('/').pop(),
        line: info.location.range.start.line + 1,
        message: info.message,
    }));
}

function findingsOf(diagnostics: Diagnostic[] | undefined, code: string): Diagnostic[] {
    return (diagnostics ?? []).filter((d) => d.code === code);
}

const ORGANISATION = `channel RiskPager {
    kind pager
}

role SeniorUnderwriter {
    channel RiskPager
    authority 2
}

role HeadOfRetailCredit {
    channel RiskPager
    authority 4
}

role ChiefRiskOfficer {
    channel RiskPager
    authority 5
}

escalation BoardEscalation {
    to ChiefRiskOfficer via RiskPager within 2d
}
`;

describe('escalation/chain-terminates names the chain', () => {
    test('a chain that ends below final authority is spelled out level by level, across a hand-over to another file', async () => {
        const workflow = `workflow CreditLimit {
    start Done
    outcome Done {
        result "decided"
    }
    escalation CreditEscalation {
        to SeniorUnderwriter via RiskPager within 8h
        to HeadOfRetailCredit via RiskPager within 1d
        on timeout escalate to BoardEscalation
    }
}
`;
        const [, document] = await buildWorkspace({ 'organisation.hitl': ORGANISATION, 'credit.hitl': workflow });
        const [finding, ...rest] = findingsOf(document.diagnostics, 'escalation/chain-terminates');
        expect(rest).toEqual([]);
        expect(finding.message).toBe(
            "Escalation 'CreditEscalation' ends at 'ChiefRiskOfficer' (authority 5), who has no final authority: SeniorUnderwriter → HeadOfRetailCredit → ChiefRiskOfficer. End the chain at a role with 'final authority', or add 'final authority' to 'ChiefRiskOfficer'.",
        );
        expect(finding.range.start.line + 1).toBe(6);
        expect(relatedOf(finding)).toEqual([
            { file: 'credit.hitl', line: 7, message: "level 1: 'SeniorUnderwriter' (authority 2)" },
            { file: 'credit.hitl', line: 8, message: "level 2: 'HeadOfRetailCredit' (authority 4)" },
            { file: 'organisation.hitl', line: 21, message: "level 3: 'ChiefRiskOfficer' (authority 5)" },
        ]);
    });

    test('a party reached twice is named with both levels as related locations', async () => {
        const workflow = `workflow CreditLimit {
    start Done
    outcome Done {
        result "decided"
    }
    escalation CreditEscalation {
        to SeniorUnderwriter via RiskPager within 8h
        to HeadOfRetailCredit via RiskPager within 1d
        to SeniorUnderwriter via RiskPager within 1d
        on timeout escalate to BoardEscalation
    }
}
`;
        const finalOrganisation = ORGANISATION.replace('    authority 5\n', '    authority 5\n    final authority\n');
        const [, document] = await buildWorkspace({ 'organisation.hitl': finalOrganisation, 'credit.hitl': workflow });
        const findings = findingsOf(document.diagnostics, 'escalation/chain-terminates');
        expect(findings.map((f) => f.message)).toEqual([
            "Escalation 'CreditEscalation' comes back to 'SeniorUnderwriter' (levels 1 and 3): SeniorUnderwriter → HeadOfRetailCredit → SeniorUnderwriter → ChiefRiskOfficer. A chain never returns to someone already on it; remove the repeated level.",
        ]);
        expect(relatedOf(findings[0])).toEqual([
            { file: 'credit.hitl', line: 7, message: "level 1: 'SeniorUnderwriter' (authority 2)" },
            { file: 'credit.hitl', line: 9, message: "level 3: 'SeniorUnderwriter' (authority 2)" },
        ]);
    });

    test('a chain that ends at final authority, without repeats, is not reported', async () => {
        const workflow = `workflow CreditLimit {
    start Done
    outcome Done {
        result "decided"
    }
    escalation CreditEscalation {
        to SeniorUnderwriter via RiskPager within 8h
        to HeadOfRetailCredit via RiskPager within 1d
        on timeout escalate to BoardEscalation
    }
}
`;
        const finalOrganisation = ORGANISATION.replace('    authority 5\n', '    authority 5\n    final authority\n');
        const [organisation, document] = await buildWorkspace({ 'organisation.hitl': finalOrganisation, 'credit.hitl': workflow });
        expect(findingsOf(document.diagnostics, 'escalation/chain-terminates')).toEqual([]);
        expect(findingsOf(organisation.diagnostics, 'escalation/chain-terminates')).toEqual([]);
    });
});

describe('escalation/low-confidence-to-human names the path', () => {
    const workflow = (lowConfidenceTarget: string) => `role Underwriter {
    authority 1
}

workflow CreditLimit {
    start Score
    ai step Score {
        confidence threshold 0.8
        on unavailable -> ManualUnderwriting
        on abnormal-output -> ManualUnderwriting
        on low-confidence -> ${lowConfidenceTarget}
        then UnderwriterReview
    }
    automated step Recheck {
        then Enrich
    }
    automated step Enrich {
        then LimitDecision
    }
    gate UnderwriterReview {
        reviewer Underwriter
        on approve -> LimitDecision
        on reject -> LimitDecision
    }
    queue ManualUnderwriting {
        owner Underwriter
        timeout 2d
        then LimitDecision
    }
    decision LimitDecision {
        risk high
        then Done
    }
    outcome Done {
        result "decided"
    }
}
`;

    test('the route to the decision is given hop by hop, and every step on it is a related location', async () => {
        const [document] = await buildWorkspace({ 'credit.hitl': workflow('Recheck') });
        const [finding, ...rest] = findingsOf(document.diagnostics, 'escalation/low-confidence-to-human');
        expect(rest).toEqual([]);
        expect(finding.message).toBe(
            "AI step 'Score' feeds decision 'LimitDecision' (risk high), but its low-confidence route Score → (low-confidence) Recheck → Enrich → LimitDecision reaches decision 'LimitDecision' before any person sees the item; route 'on low-confidence -> <Gate or queue>' or 'on low-confidence escalate to <Escalation>'.",
        );
        expect(finding.range.start.line + 1).toBe(11);
        expect(relatedOf(finding)).toEqual([
            { file: 'credit.hitl', line: 7, message: "'Score' leads on (low-confidence) to 'Recheck'" },
            { file: 'credit.hitl', line: 14, message: "'Recheck' leads on (then) to 'Enrich'" },
            { file: 'credit.hitl', line: 17, message: "'Enrich' leads on (then) to 'LimitDecision'" },
            { file: 'credit.hitl', line: 30, message: "decision 'LimitDecision' is reached without a person" },
        ]);
    });

    test('a low-confidence route that meets a person first is not reported', async () => {
        const [document] = await buildWorkspace({ 'credit.hitl': workflow('ManualUnderwriting') });
        expect(findingsOf(document.diagnostics, 'escalation/low-confidence-to-human')).toEqual([]);
    });

    test('when only a low-risk decision follows, the route is not reported', async () => {
        const [document] = await buildWorkspace({ 'credit.hitl': workflow('Recheck').replace('risk high', 'risk low') });
        expect(findingsOf(document.diagnostics, 'escalation/low-confidence-to-human')).toEqual([]);
    });
});
