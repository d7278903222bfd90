import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { describe, expect, test } from 'vitest';
import { buildDocument } from '../services.js';

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
