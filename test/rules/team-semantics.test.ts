import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { describe, expect, test } from 'vitest';
import { effectiveAuthority, overlapOf, peopleOf } from '../../language/analysis/governance.js';
import { isRole, isTeam, type HitlFile, type Party } from '../../language/generated/ast.js';
import { buildDocument, buildWorkspace, createTestServices } from '../services.js';

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

const RANKS = `role Assistant {
    authority 1
}
role Clerk {
    authority 1
}
role Senior {
    authority 2
}
role Head {
    authority 4
}
role Unranked {
}
team Desk {
    members Assistant, Unranked
}
team Panel {
    members Desk, Head
    authority 3
}
team Committee {
    members Senior
    authority 5
}
team Juniors {
    members Clerk, Assistant
}
team Nobody {
    members Unranked
}
team Empty {
    authority 2
}
`;

async function parties(): Promise<Map<string, Party>> {
    const document = await buildDocument(RANKS);
    const root = document.parseResult.value as HitlFile;
    return new Map(root.elements.filter((e): e is Party => isRole(e) || isTeam(e)).map((party) => [party.name, party]));
}

describe('effectiveAuthority: a team is bounded by its members', () => {
    test('a role counts with its own authority on both sides', async () => {
        const all = await parties();
        expect(effectiveAuthority(all.get('Senior'), 'target')).toEqual({ value: 2 });
        expect(effectiveAuthority(all.get('Senior'), 'handler')).toEqual({ value: 2 });
        expect(effectiveAuthority(all.get('Unranked'), 'target')).toEqual({ value: undefined });
    });

    test('as a target, a team is no higher than its most senior member; as the party escalated from, as high', async () => {
        const all = await parties();
        // Committee declares 5 but holds only the senior (2).
        expect(effectiveAuthority(all.get('Committee'), 'target')).toEqual({ value: 2, member: all.get('Senior') });
        expect(effectiveAuthority(all.get('Committee'), 'handler')).toEqual({ value: 5 });
        // Panel declares 3 and holds the head (4) directly, the assistant through the nested desk.
        expect(effectiveAuthority(all.get('Panel'), 'target')).toEqual({ value: 3 });
        expect(effectiveAuthority(all.get('Panel'), 'handler')).toEqual({ value: 4, member: all.get('Head') });
    });

    test('a team without authority counts as its most senior member; ties go to the first name; unranked members do not count', async () => {
        const all = await parties();
        expect(effectiveAuthority(all.get('Juniors'), 'target')).toEqual({ value: 1, member: all.get('Assistant') });
        expect(effectiveAuthority(all.get('Desk'), 'handler')).toEqual({ value: 1, member: all.get('Assistant') });
        expect(effectiveAuthority(all.get('Nobody'), 'target')).toEqual({ value: undefined });
        expect(effectiveAuthority(all.get('Empty'), 'target')).toEqual({ value: 2 });
    });

    test('people and overlaps go through nested teams', async () => {
        const all = await parties();
        expect(peopleOf(all.get('Panel')).map((p) => p.name).sort()).toEqual(['Assistant', 'Head', 'Unranked']);
        expect(peopleOf(all.get('Empty')).map((p) => p.name)).toEqual(['Empty']);
        expect(overlapOf(all.get('Panel')!, all.get('Assistant')!)).toEqual({ relation: 'holds', shared: all.get('Assistant') });
        expect(overlapOf(all.get('Assistant')!, all.get('Panel')!)).toEqual({ relation: 'member', shared: all.get('Assistant') });
        expect(overlapOf(all.get('Juniors')!, all.get('Panel')!)).toEqual({ relation: 'shares', shared: all.get('Assistant') });
        expect(overlapOf(all.get('Committee')!, all.get('Panel')!)).toBeUndefined();
    });
});

const ORGANISATION = `channel Pager {
    kind pager
}
role Underwriter {
    channel Pager
    authority 1
}
role Senior {
    channel Pager
    authority 2
}
role Head {
    channel Pager
    authority 4
}
role Chief {
    channel Pager
    authority 5
    final authority
}
team Panel {
    members Underwriter, Senior
    channel Pager
    authority 2
}
team Board {
    members Senior, Chief
    channel Pager
    authority 5
}
team Committee {
    members Senior
    channel Pager
    authority 5
}
escalation SharedChain {
    to Head via Pager within 8h
    on timeout escalate to BoardChain
}
escalation BoardChain {
    to Board via Pager within 1d
}
`;

describe('escalation rules compare people across files', () => {
    test('a chain whose hand-over reaches a team sharing a member with the reviewing team names both teams and the shared member', async () => {
        const workflow = `workflow Lending {
    start Review
    gate Review {
        reviewer Panel
        sla 8h
        escalate on disagreement to SharedChain
        on approve -> Done
        on reject -> Done
        on timeout deny
    }
    outcome Done {
        result "decided"
    }
}
`;
        const [, document] = await buildWorkspace({ 'organisation.hitl': ORGANISATION, 'lending.hitl': workflow });
        const [finding, ...rest] = findingsOf(document.diagnostics, 'escalation/target-not-reviewer');
        expect(rest).toEqual([]);
        expect(finding.message).toBe(
            "Gate 'Review' escalates to 'SharedChain', whose level 2 is team 'Board', which shares 'Senior' with its own reviewer team 'Panel': the same people it escalates from; escalate to a chain whose levels are all other people than 'Panel' (or skip that level with another escalation).",
        );
        expect(relatedOf(finding)).toEqual([
            { file: 'organisation.hitl', line: 41, message: "level 2: 'Board' (authority 5)" },
            { file: 'organisation.hitl', line: 21, message: "reviewer 'Panel'" },
            { file: 'organisation.hitl', line: 8, message: "'Senior', in both teams" },
        ]);
    });

    test("escalating to a team whose members rank below the reviewer names the member that caps it, as a related location", async () => {
        const workflow = `workflow Lending {
    start Review
    gate Review {
        reviewer Head
        sla 8h
        escalate on disagreement to Committee
        on approve -> Done
        on reject -> Done
        on timeout deny
    }
    outcome Done {
        result "decided"
    }
}
`;
        const [, document] = await buildWorkspace({ 'organisation.hitl': ORGANISATION, 'lending.hitl': workflow });
        const [finding, ...rest] = findingsOf(document.diagnostics, 'escalation/higher-authority');
        expect(rest).toEqual([]);
        expect(finding.message).toBe(
            "Gate 'Review' escalates to team 'Committee' (authority 5, but its most senior member 'Senior' has only authority 2), not above its reviewer 'Head' (authority 4); escalate to a party with authority above 4.",
        );
        expect(relatedOf(finding)).toContainEqual({ file: 'organisation.hitl', line: 8, message: "'Senior' (authority 2), member of team 'Committee'" });
    });

    test('escalating from a team to a party above its declared authority but not above its most senior member is reported', async () => {
        const organisation = ORGANISATION.replace('members Underwriter, Senior\n    channel Pager\n    authority 2', 'members Underwriter, Head\n    channel Pager\n    authority 2');
        const workflow = `workflow Lending {
    start Review
    gate Review {
        reviewer Panel
        sla 8h
        escalate on disagreement to Senior
        on approve -> Done
        on reject -> Done
        on timeout deny
    }
    outcome Done {
        result "decided"
    }
}
`;
        const [, document] = await buildWorkspace({ 'organisation.hitl': organisation, 'lending.hitl': workflow });
        const [finding] = findingsOf(document.diagnostics, 'escalation/higher-authority');
        expect(finding.message).toBe(
            "Gate 'Review' escalates to 'Senior' (authority 2), not above its reviewer team 'Panel' (authority 2, but its member 'Head' has authority 4); escalate to a party with authority above 4.",
        );
    });
});

const LOANS = `role Underwriter {
    authority 1
}
role Trainee {
    authority 1
}
role Senior {
    authority 2
}
team Floor {
    members Underwriter, Trainee
}
team Leads {
    members Senior
}
model Scorer {
    version "1.0.0"
}
workflow Loans {
    start Score
    ai step Score {
        model Scorer
        then Review
    }
    gate Review {
        reviewer Underwriter
        reviews Score
        allows approve, override, reject
        on approve -> Grant
        on reject -> Grant
    }
    decision Grant {
        risk high
        veto Underwriter
        then Done
    }
    outcome Done
    access {
        allow Floor view, approve
        allow Leads approve
    }
}
`;

describe('security/least-privilege counts each member of a team', () => {
    async function quickFixFor(document: Awaited<ReturnType<typeof buildDocument>>, diagnostic: Diagnostic) {
        const { Hitl } = createTestServices();
        const actions = await Hitl.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() },
            range: diagnostic.range,
            context: { diagnostics: [diagnostic] },
        });
        return actions?.find((a): a is CodeAction => 'edit' in a && a.edit !== undefined);
    }

    test('a team grant some members use names the members who do not, and offers no removal', async () => {
        const document = await buildDocument(LOANS);
        const findings = findingsOf(document.diagnostics, 'security/least-privilege');
        expect(findings.map((f) => f.message)).toEqual([
            "Team 'Floor' is allowed 'approve', which reaches its member 'Trainee' too, but that member reviews no gate that allows 'approve', is on no escalation from such a gate, a queue or another step, owns no manual queue, decides no decision and hears no appeal; only 'Underwriter' needs it: grant 'approve' to that member instead of the team.",
            "'Leads' is allowed 'approve' but reviews no gate that allows 'approve', is on no escalation from such a gate, a queue or another step, owns no manual queue, decides no decision and hears no appeal; remove 'approve' from 'allow Leads', or give 'Leads' the duty that needs it.",
        ]);
        expect(relatedOf(findings[0])).toEqual([{ file: 'test.hitl', line: 25, message: "'Underwriter' reviews gate 'Review'" }]);
        expect(await quickFixFor(document, findings[0])).toBeUndefined();
        expect((await quickFixFor(document, findings[1]))?.title).toBe("Remove 'approve' from 'allow Leads'");
    });

    test('a level reached by a hand-over to a chain in another file uses the actions its gate allows, and no more', async () => {
        const organisation = `channel Pager {
    kind pager
}
role Chief {
    authority 5
}
escalation BoardChain {
    to Chief via Pager within 1d
}
escalation SeniorChain {
    to Senior via Pager within 8h
    on timeout escalate to BoardChain
}
`;
        const loans = LOANS.replace('        on reject -> Grant\n    }', '        on reject -> Grant\n        on timeout escalate to SeniorChain\n    }').replace(
            '        allow Floor view, approve\n        allow Leads approve',
            '        allow Underwriter view, approve, reject, veto\n        allow Leads approve, override\n        allow Chief view, approve, edit',
        );
        const [, document] = await buildWorkspace({ 'organisation.hitl': organisation, 'loans.hitl': loans });
        const findings = findingsOf(document.diagnostics, 'security/least-privilege');
        expect(findings.map((f) => f.message)).toEqual([
            "'Chief' is allowed 'edit' but reviews no gate that allows 'edit', is on no escalation from such a gate, a queue or another step, and owns no manual queue (gate 'Review' allows only approve, override, reject); remove 'edit' from 'allow Chief', or give 'Chief' the duty that needs it.",
        ]);
    });
});

describe('rights/independent-appeal-reviewer follows escalations and teams', () => {
    test('an appeal reviewer on an escalation the workflow reaches is named with the level and through whom', async () => {
        const workflow = `channel Portal {
    kind portal
}
team Appeals {
    members Chief
}
model Scorer {
    version "1.0.0"
}
workflow Lending {
    start Score
    ai step Score {
        model Scorer
        then Review
    }
    gate Review {
        reviewer Underwriter
        reviews Score
        on approve -> Grant
        on reject -> Grant
        on timeout escalate to SharedChain
    }
    decision Grant {
        risk high
        affects user rights
        veto Underwriter
        then Done
    }
    outcome Done
    appeal {
        channel Portal
        reviewer Appeals
        sla 14d
        explanation "A model scored the application; an underwriter decided."
    }
}
`;
        const [, document] = await buildWorkspace({ 'organisation.hitl': ORGANISATION, 'lending.hitl': workflow });
        const [finding, ...rest] = findingsOf(document.diagnostics, 'rights/independent-appeal-reviewer');
        expect(rest).toEqual([]);
        expect(finding.message).toBe(
            "Appeal reviewer 'Appeals' is not independent: it is level 2 of escalation 'SharedChain' from gate 'Review' (through 'Chief', also in team 'Board'); name a person or team that takes no part in the workflow's reviews and decisions.",
        );
        expect(relatedOf(finding)).toEqual([{ file: 'organisation.hitl', line: 41, message: "'Board' is level 2 of escalation 'SharedChain' from gate 'Review'" }]);
    });
});
