import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { describe, expect, test } from 'vitest';
import { buildDocument, buildWorkspace } from '../services.js';

/**
 * The path rules (G01 gate bypass, G06 four-eyes, G11 veto on every path) name the route they
 * found step by step, and list each step on it, in order, as related information, so that a
 * reviewer can follow the route in the editor or in SARIF output.
 */

function findings(document: LangiumDocument, code: string): Diagnostic[] {
    return (document.diagnostics ?? []).filter((d) => d.code === code);
}

/** The first line of the text each related location points at: the step's declaration. */
function relatedDeclarations(document: LangiumDocument, diagnostic: Diagnostic): string[] {
    return (diagnostic.relatedInformation ?? []).map((info) => {
        expect(info.location.uri).toBe(document.uri.toString());
        return document.textDocument.getText(info.location.range).split('\n')[0].replace(/\s*\{$/, '');
    });
}

function lineOf(document: LangiumDocument, diagnostic: Diagnostic): string {
    return document.textDocument.getText().split('\n')[diagnostic.range.start.line].trim();
}

const ROLES = `
role Underwriter {
    competence "Consumer credit underwriting"
}

role SeniorUnderwriter {
    competence "Senior credit underwriting"
}
`;

describe('oversight/gate-bypass (G01)', () => {
    const bypass = `${ROLES}
workflow CreditLimit {
    start Score

    ai step Score {
        task scoring
        on low-confidence -> AutoDecline
        then Review
    }

    gate Review {
        reviewer Underwriter
        allows approve, override, reject
        on approve -> LimitDecision
        on override -> LimitDecision
        on reject -> LimitDecision
        on timeout deny
    }

    decision AutoDecline {
        risk high
        affects user rights
        then NotifyCustomer
    }

    decision LimitDecision {
        risk high
        then Done
    }

    effect NotifyCustomer {
        kind notify
        external
        then Done
    }

    outcome Done
}
`;

    test('names the path through the decision to the effect, and lists its steps in order', async () => {
        const document = await buildDocument(bypass);
        const [finding, ...others] = findings(document, 'oversight/gate-bypass');
        // The path to AutoDecline is folded into the longer one that also names NotifyCustomer.
        expect(others).toEqual([]);
        expect(finding.message).toContain('Score → (low-confidence) AutoDecline → NotifyCustomer');
        expect(finding.message).toContain("decision 'AutoDecline' (risk high, affects user rights) and effect 'NotifyCustomer' (external notify)");
        expect(relatedDeclarations(document, finding)).toEqual(['ai step Score', 'decision AutoDecline', 'effect NotifyCustomer']);
        expect(finding.relatedInformation!.map((info) => info.message)).toEqual([
            "Step 1 of the path: 'Score'",
            "Step 2 of the path: 'AutoDecline'",
            "Step 3 of the path: 'NotifyCustomer'",
        ]);
        // Reported on the route that starts the bypass.
        expect(lineOf(document, finding)).toBe('on low-confidence -> AutoDecline');
    });

    test('paths that fan out after the same first target are one finding, naming the other targets', async () => {
        const fanOut = bypass
            .replace('        then NotifyCustomer\n', '        when decision == "decline" -> NotifyCustomer\n        otherwise -> LowerLimit\n')
            .replace('    outcome Done\n}', '    effect LowerLimit {\n        kind commit\n        then Done\n    }\n\n    outcome Done\n}');
        const document = await buildDocument(fanOut);
        const [finding, ...others] = findings(document, 'oversight/gate-bypass');
        expect(others).toEqual([]);
        expect(finding.message).toContain('Score → (low-confidence) AutoDecline → (when decision == "decline") NotifyCustomer');
        expect(finding.message).toContain("from 'AutoDecline' it also reaches effect 'LowerLimit' (commit)");
        expect(relatedDeclarations(document, finding)).toEqual(['ai step Score', 'decision AutoDecline', 'effect NotifyCustomer']);
    });

    test('a gate whose timeout approves is crossed, and the finding sits on that timeout route', async () => {
        const document = await buildDocument(bypass.replace('on low-confidence -> AutoDecline\n        ', '').replace('on timeout deny', 'on timeout approve'));
        const [finding, ...others] = findings(document, 'oversight/gate-bypass');
        expect(others).toEqual([]);
        expect(finding.message).toContain('Score → Review → (timeout → approve) LimitDecision');
        expect(finding.message).toContain("make gate 'Review' fail closed");
        expect(relatedDeclarations(document, finding)).toEqual(['ai step Score', 'gate Review', 'decision LimitDecision']);
        expect(lineOf(document, finding)).toBe('on timeout approve');
    });

    test('one finding per AI step and target, naming the shortest of several bypassing paths', async () => {
        const document = await buildDocument(`
workflow Hiring {
    ai step ScreenCv {
        task screening
        when years_experience < 2 -> Enrich
        otherwise -> Reject
    }

    automated step Enrich {
        then Normalise
    }

    automated step Normalise {
        then Reject
    }

    decision Reject {
        risk medium
        affects user rights
        then Done
    }

    outcome Done
}
`);
        const [finding, ...others] = findings(document, 'oversight/gate-bypass');
        expect(others).toEqual([]);
        expect(finding.message).toContain('ScreenCv → (otherwise) Reject;');
        expect(relatedDeclarations(document, finding)).toEqual(['ai step ScreenCv', 'decision Reject']);
    });

    test('sending every route through a person clears the finding', async () => {
        const document = await buildDocument(bypass.replace('on low-confidence -> AutoDecline', 'on low-confidence -> Review'));
        expect(findings(document, 'oversight/gate-bypass')).toEqual([]);
    });
});

describe('oversight/gate-bypass (G01): every automatic route', () => {
    const escalating = `${ROLES}
workflow CreditLimit {
    start Score

    ai step Score {
        task scoring
        then Review
    }

    gate Review {
        reviewer Underwriter
        allows approve, override, reject
        sla 8h
        on approve -> LimitDecision
        on override -> LimitDecision
        on reject -> Declined
        on timeout escalate to CreditEscalation
    }

    decision LimitDecision {
        risk high
        then Done
    }

    outcome Declined

    outcome Done

    escalation CreditEscalation {
        to SeniorUnderwriter within 8h
        on timeout approve
    }
}
`;

    test('a chain whose last level approves on timeout is a bypass, named with its final action, beside the G18 finding', async () => {
        const document = await buildDocument(escalating);
        const [finding, ...others] = findings(document, 'oversight/gate-bypass');
        expect(others).toEqual([]);
        expect(finding.message).toBe(
            "AI step 'Score' reaches decision 'LimitDecision' (risk high) with no person acting: Score → Review → (timeout → CreditEscalation → approve) LimitDecision; " +
                "gate 'Review' escalates on timeout to 'CreditEscalation', and escalation 'CreditEscalation' ends with 'on timeout approve': when nobody at any level acts, the item goes on to 'LimitDecision' unreviewed; " +
                "make 'CreditEscalation' fail closed ('on timeout deny' or 'on timeout pause').",
        );
        expect(lineOf(document, finding)).toBe('on timeout escalate to CreditEscalation');
        expect(relatedDeclarations(document, finding)).toEqual(['ai step Score', 'gate Review', 'decision LimitDecision', 'approve']);
        expect(finding.relatedInformation!.at(-1)!.message).toBe("escalation 'CreditEscalation' ends with 'on timeout approve'");
        expect(findings(document, 'escalation/fail-closed')).toHaveLength(1);
    });

    test("'escalate on timeout to' a chain that skips follows the step's onward route, not its outcome routes", async () => {
        const document = await buildDocument(
            escalating
                .replace('        on timeout escalate to CreditEscalation\n', '        escalate on timeout to CreditEscalation\n        then LimitDecision\n')
                .replace('        on approve -> LimitDecision\n        on override -> LimitDecision\n', '')
                .replace('on timeout approve', 'on timeout skip'),
        );
        const [finding, ...others] = findings(document, 'oversight/gate-bypass');
        expect(others).toEqual([]);
        expect(finding.message).toContain('Score → Review → (timeout → CreditEscalation → skip) LimitDecision');
        expect(finding.message).toContain("escalation 'CreditEscalation' ends with 'on timeout skip'");
        expect(lineOf(document, finding)).toBe('escalate on timeout to CreditEscalation');
    });

    test('a chain that fails closed, or is reached only on disagreement, lets nothing through', async () => {
        for (const text of [
            escalating.replace('on timeout approve', 'on timeout deny'),
            escalating.replace('on timeout approve', 'on timeout pause'),
            escalating.replace('on timeout approve', 'on timeout escalate to SeniorUnderwriter'),
            escalating.replace('on timeout escalate to CreditEscalation', 'on timeout deny\n        escalate on disagreement to CreditEscalation'),
        ]) {
            const document = await buildDocument(text);
            expect(findings(document, 'oversight/gate-bypass')).toEqual([]);
        }
    });

    test('a chain handed over to in other files is followed to its end, and its final action is a related location there', async () => {
        const workflow = escalating.replace(/\n    escalation CreditEscalation \{[\s\S]*?\n    \}\n/, '\n');
        const [document] = await buildWorkspace({
            'credit.hitl': workflow,
            'chains.hitl': 'escalation CreditEscalation {\n    to SeniorUnderwriter within 8h\n    on timeout escalate to BoardEscalation\n}\n',
            'board.hitl': 'escalation BoardEscalation {\n    to SeniorUnderwriter within 1d\n    on timeout approve\n}\n',
        });
        const [finding, ...others] = findings(document, 'oversight/gate-bypass');
        expect(others).toEqual([]);
        expect(finding.message).toContain('(timeout → CreditEscalation → BoardEscalation → approve) LimitDecision');
        expect(finding.message).toContain("gate 'Review' escalates on timeout to 'CreditEscalation', which hands over to 'BoardEscalation', and escalation 'BoardEscalation' ends with 'on timeout approve'");
        const last = finding.relatedInformation!.at(-1)!;
        expect(last.location.uri).toMatch(/board\.hitl$/);
        expect(last.location.range.start.line).toBe(2);
        expect(last.message).toBe("escalation 'BoardEscalation' ends with 'on timeout approve'");
    });

    test('a policy route out of a queue names the policy', async () => {
        const document = await buildDocument(`${ROLES}
policy StandardTerms {
    behaviour rule-based
}

workflow CreditLimit {
    ai step Score {
        task scoring
        then ManualReview
    }

    queue ManualReview {
        owner Underwriter
        timeout 2d
        on unavailable use StandardTerms -> LimitDecision
        on timeout escalate to SeniorUnderwriter
        then LimitDecision
    }

    decision LimitDecision {
        risk high
        then Done
    }

    outcome Done
}
`);
        const [finding, ...others] = findings(document, 'oversight/gate-bypass');
        expect(others).toEqual([]);
        expect(finding.message).toContain('Score → ManualReview → (unavailable) LimitDecision');
        expect(finding.message).toContain("queue 'ManualReview' sends the item on unavailable to 'LimitDecision' by policy 'StandardTerms' with nobody there acting; have it escalate instead ('on unavailable escalate to <Escalation>')");
        expect(lineOf(document, finding)).toBe('on unavailable use StandardTerms -> LimitDecision');
    });

    test('a gate reviewed by a team of AI actors, nested, is no person; one person in the team makes it one', async () => {
        const text = `
ai actor Bot {
}

ai actor OtherBot {
}

team Pool {
    members OtherBot
}

team Checkers {
    members Bot, Pool
}

workflow Hiring {
    ai step ScreenCv {
        task screening
        then SecondOpinion
    }

    gate SecondOpinion {
        reviewer Checkers
        on approve -> Shortlist
        on reject -> Shortlist
    }

    decision Shortlist {
        affects user rights
        then Done
    }

    outcome Done
}
`;
        const document = await buildDocument(text);
        const [finding, ...others] = findings(document, 'oversight/gate-bypass');
        expect(others).toEqual([]);
        expect(finding.message).toContain("give gate 'SecondOpinion' a reviewer who is a person (its reviewers are AI only: team 'Checkers', all its members AI actors)");
        expect(lineOf(document, finding)).toBe('reviewer Checkers');

        const staffed = await buildDocument(`role Recruiter {\n}\n${text.replace('members OtherBot', 'members OtherBot, Recruiter')}`);
        expect(findings(staffed, 'oversight/gate-bypass')).toEqual([]);
    });
});

describe('oversight/gate-bypass (G01): a gate protects the AI output it reviews', () => {
    const claims = (reviews: string) => `${ROLES}
workflow Claims {
    ai step ExtractDetails {
        task extraction
        then ScoreFraud
    }

    ai step ScoreFraud {
        task detection
        then Assessment
    }

    gate Assessment {
        reviewer Underwriter
        ${reviews}
        allows approve, override, reject
        on approve -> Payout
        on override -> Payout
        on reject -> Payout
        on timeout deny
    }

    decision Payout {
        risk high
        then Done
    }

    outcome Done
}
`;

    test('the output the gate does not review reaches the decision unreviewed, and the message names both steps', async () => {
        const document = await buildDocument(claims('reviews ScoreFraud'));
        const [finding, ...others] = findings(document, 'oversight/gate-bypass');
        expect(others).toEqual([]);
        expect(finding.message).toBe(
            "AI step 'ExtractDetails' reaches decision 'Payout' (risk high) with its output unreviewed: ExtractDetails → ScoreFraud → Assessment → (approve) Payout; " +
                "gate 'Assessment' reviews only the output of 'ScoreFraud', so the output of 'ExtractDetails' passes it unreviewed (name it there, 'reviews ScoreFraud, ExtractDetails', or route it through a gate that reviews it).",
        );
        expect(lineOf(document, finding)).toBe('reviews ScoreFraud');
    });

    test("'reviews A, B', or no 'reviews' at all, protects both outputs", async () => {
        for (const reviews of ['reviews ExtractDetails, ScoreFraud', 'reviews ScoreFraud, ExtractDetails', '']) {
            expect(findings(await buildDocument(claims(reviews)), 'oversight/gate-bypass')).toEqual([]);
        }
    });

    test("a 'reviews' target that is no AI step, or not upstream, is reported on that name", async () => {
        const document = await buildDocument(
            claims('reviews Payout, ScoreFraud, Later').replace('    outcome Done\n', '    ai step Later {\n        task drafting\n        then Done\n    }\n\n    outcome Done\n').replace('        risk high\n        then Done', '        risk high\n        then Later'),
        );
        const messages = findings(document, 'oversight/gate-bypass').map((d) => String(d.message));
        expect(messages).toContain(
            "Gate 'Assessment' reviews 'Payout', which is a decision, not an AI step, so it protects no AI output; name the AI steps whose output the reviewer checks (upstream of it: 'ExtractDetails' and 'ScoreFraud').",
        );
        expect(messages).toContain(
            "Gate 'Assessment' reviews AI step 'Later', but no route leads from 'Later' to the gate, so that output never comes before it; name the AI steps upstream of the gate (upstream of it: 'ExtractDetails' and 'ScoreFraud').",
        );
        // ScoreFraud is named, ExtractDetails is not: its output still goes through unreviewed.
        expect(messages.filter((m) => m.startsWith("AI step 'ExtractDetails'"))).toHaveLength(1);
        expect(messages).toHaveLength(3);
    });

    test('a long path shows its first and last steps and the count between; places and related locations are capped', async () => {
        const automated = Array.from({ length: 30 }, (_, i) => `    automated step Hop${i} {\n        then ${i === 29 ? 'Gate0' : `Hop${i + 1}`}\n    }\n`).join('\n');
        const gates = Array.from(
            { length: 5 },
            (_, i) => `    gate Gate${i} {\n        reviewer Underwriter\n        reviews Other\n        on approve -> ${i === 4 ? 'Payout' : `Gate${i + 1}`}\n        on timeout deny\n    }\n`,
        ).join('\n');
        const document = await buildDocument(`${ROLES}
workflow Long {
    ai step Other {
        task scoring
        then Score
    }

    ai step Score {
        task scoring
        then Hop0
    }

${automated}
${gates}
    decision Payout {
        risk high
        then Done
    }

    outcome Done
}
`);
        const [finding, ...others] = findings(document, 'oversight/gate-bypass');
        expect(others).toEqual([]);
        expect(finding.message).toMatch(/^AI step 'Score' reaches decision 'Payout' \(risk high\) with its output unreviewed: Score → Hop0 → Hop1 → Hop2 → Hop3 → Hop4 → … 26 more steps … → \(approve\) Gate1 → \(approve\) Gate2 → \(approve\) Gate3 → \(approve\) Gate4 → \(approve\) Payout;/);
        expect(String(finding.message).match(/reviews only the output of 'Other'/g)).toHaveLength(3);
        expect(finding.message).toContain('and 2 more steps on the path let it through.');
        expect(finding.relatedInformation!.length).toBeLessThanOrEqual(12);
        expect(finding.relatedInformation!.map((info) => info.message)[0]).toBe("Step 1 of the path: 'Score'");
        expect(finding.relatedInformation!.map((info) => info.message).at(-1)).toBe("Step 37 of the path: 'Payout'");
    });
});

describe('oversight/four-eyes (G06)', () => {
    const moderation = `
role Moderator {
    competence "Community standards"
}

role Specialist {
    competence "Terrorist content"
}

workflow Moderation {
    start Intake
    category terrorist_content "Suspected terrorist content" when category == "terrorist content"

    automated step Intake {
        then Classify
    }

    ai step Classify {
        task classification
        on low-confidence -> SeniorReview
        when category == "terrorist content" -> SpecialistReview
        otherwise -> ModeratorReview
    }

    gate ModeratorReview {
        reviewer Moderator
        on approve -> Removal
    }

    gate SeniorReview {
        reviewer Moderator
        on approve -> Removal
    }

    gate SpecialistReview {
        reviewer Specialist, Moderator
        four-eyes
        on approve -> Removal
    }

    decision Removal {
        risk high
        four-eyes category terrorist_content
        then Done
    }

    outcome Done
}
`;

    test('names the path from the start that avoids every four-eyes gate, and lists its steps in order', async () => {
        const document = await buildDocument(moderation);
        const [finding, ...others] = findings(document, 'oversight/four-eyes');
        expect(others).toEqual([]);
        expect(finding.message).toContain('Intake → Classify → (low-confidence) SeniorReview → (approve) Removal');
        expect(finding.message).toContain("category 'terrorist_content'");
        expect(relatedDeclarations(document, finding)).toEqual(['automated step Intake', 'ai step Classify', 'gate SeniorReview', 'decision Removal', 'category terrorist_content "Suspected terrorist content" when category == "terrorist content"']);
        expect(lineOf(document, finding)).toBe('four-eyes category terrorist_content');
    });

    test("the 'otherwise' branch beside the category's own branch carries no item of it", async () => {
        const document = await buildDocument(moderation.replace('on low-confidence -> SeniorReview', 'on low-confidence -> SpecialistReview'));
        expect(findings(document, 'oversight/four-eyes')).toEqual([]);
    });

    test('a route may test the category by name or by its defining condition, turned round or not', async () => {
        const byName = moderation.replace('when category == "terrorist content" -> SpecialistReview', 'when terrorist_content -> SpecialistReview').replace('on low-confidence -> SeniorReview', 'on low-confidence -> SpecialistReview');
        expect(findings(await buildDocument(byName), 'oversight/four-eyes')).toEqual([]);
        const turnedRound = moderation
            .replace('when category == "terrorist content" -> SpecialistReview', 'when category != "terrorist content" -> ModeratorReview')
            .replace('otherwise -> ModeratorReview', 'otherwise -> SpecialistReview')
            .replace('on low-confidence -> SeniorReview', 'on low-confidence -> SpecialistReview');
        expect(findings(await buildDocument(turnedRound), 'oversight/four-eyes')).toEqual([]);
        // A different value of the same field says nothing about the category: the item may still be of it.
        const otherValue = turnedRound.replace('when category != "terrorist content"', 'when category == "spam"');
        expect(findings(await buildDocument(otherValue), 'oversight/four-eyes')).toHaveLength(1);
    });
});

describe('raci/veto-on-every-path (G11)', () => {
    const credit = `${ROLES}
workflow CreditLimit {
    start Score

    ai step Score {
        task scoring
        on low-confidence -> QuickReview
        then SeniorReview
    }

    gate SeniorReview {
        reviewer SeniorUnderwriter
        on approve -> LimitDecision
    }

    gate QuickReview {
        reviewer Underwriter
        on approve -> LimitDecision
    }

    decision LimitDecision {
        risk high
        veto SeniorUnderwriter
        then Done
    }

    outcome Done
}
`;

    test('names the path on which the veto holder has no seat, and lists its steps in order', async () => {
        const document = await buildDocument(credit);
        const [finding, ...others] = findings(document, 'raci/veto-on-every-path');
        expect(others).toEqual([]);
        expect(finding.message).toContain("Veto holder 'SeniorUnderwriter' of decision 'LimitDecision' has no seat on Score → (low-confidence) QuickReview → (approve) LimitDecision");
        expect(relatedDeclarations(document, finding)).toEqual(['ai step Score', 'gate QuickReview', 'decision LimitDecision']);
        expect(lineOf(document, finding)).toBe('veto SeniorUnderwriter');
    });

    test('an escalation from the gate to the veto holder gives them a seat on it', async () => {
        const seated = credit
            .replace('reviewer Underwriter', 'reviewer Underwriter\n        escalate on disagreement to CreditEscalation')
            .replace('    outcome Done\n}', '    outcome Done\n\n    escalation CreditEscalation {\n        to SeniorUnderwriter within 8h\n    }\n}');
        const document = await buildDocument(seated);
        expect(findings(document, 'raci/veto-on-every-path')).toEqual([]);
    });
});
