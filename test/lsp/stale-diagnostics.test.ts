import { describe, expect, test } from 'vitest';
import { EditorWorkspace } from './editor-workspace.js';

// Diagnostics that depend on other files must follow edits to those files, as `hitl check` would.

async function expectSameAsFreshBuild(workspace: EditorWorkspace): Promise<void> {
    const { editor, fresh } = await workspace.compareWithFreshBuild();
    expect(editor).toEqual(fresh);
}

const channel = 'channel Mail { kind email }\n';

describe('duplicate names across files', () => {
    test('the error goes once the other declaration is renamed away', async () => {
        const workspace = await EditorWorkspace.open('dup-rename', {
            'a.hitl': 'role Reviewer { authority 1 }\n',
            'b.hitl': 'role Reviewer { authority 2 }\n',
        });
        expect(workspace.codes('b.hitl')).toContain('structure/duplicate-name');

        await workspace.edit({ 'a.hitl': 'role Lead { authority 1 }\n' });

        expect(workspace.codes('b.hitl')).not.toContain('structure/duplicate-name');
        await expectSameAsFreshBuild(workspace);
    });

    test('the error appears when another file starts declaring the same name first', async () => {
        const workspace = await EditorWorkspace.open('dup-introduce', {
            'a.hitl': 'role Lead { authority 1 }\n',
            'b.hitl': 'role Reviewer { authority 2 }\n',
        });
        expect(workspace.codes('b.hitl')).not.toContain('structure/duplicate-name');

        await workspace.edit({ 'a.hitl': 'role Reviewer { authority 1 }\n' });

        expect(workspace.codes('b.hitl')).toContain('structure/duplicate-name');
        await expectSameAsFreshBuild(workspace);
    });

    test('the error goes when the other file is deleted', async () => {
        const workspace = await EditorWorkspace.open('dup-delete', {
            'a.hitl': 'role Reviewer { authority 1 }\n',
            'b.hitl': 'role Reviewer { authority 2 }\n',
        });
        await workspace.delete('a.hitl');

        expect(workspace.codes('b.hitl')).not.toContain('structure/duplicate-name');
        await expectSameAsFreshBuild(workspace);
    });

    test('the related location follows the first declaration when lines are added above it', async () => {
        const workspace = await EditorWorkspace.open('dup-drift', {
            'a.hitl': 'role Reviewer { authority 1 }\n',
            'b.hitl': 'role Reviewer { authority 2 }\n',
        });
        await workspace.edit({ 'a.hitl': '// moved down\n\n\nrole Reviewer { authority 1 }\n' });

        const [duplicate] = workspace.diagnostics('b.hitl').filter((d) => d.code === 'structure/duplicate-name');
        expect(duplicate.relatedInformation?.[0].location.range.start.line).toBe(3);
        await expectSameAsFreshBuild(workspace);
    });

    test('references to a name declared twice resolve to the first declaration, as in a fresh check', async () => {
        const workspace = await EditorWorkspace.open('dup-links', {
            'b.hitl': `${channel}role Reviewer { channel Mail  authority 1 }\n`,
            'c.hitl': 'workflow W {\n    queue Q {\n        owner Reviewer\n        raci { informed Reviewer }\n    }\n}\n',
        });
        expect(workspace.codes('c.hitl')).not.toContain('raci/informed-reachable');

        // a.hitl sorts first, so its Reviewer (without a channel) is the one references reach.
        await workspace.edit({ 'a.hitl': 'role Reviewer { authority 1 }\n' });

        expect(workspace.codes('c.hitl')).toContain('raci/informed-reachable');
        await expectSameAsFreshBuild(workspace);
    });

    test('references inside a declaring file move to an earlier file that declares the name too', async () => {
        const workspace = await EditorWorkspace.open('dup-own-links', {
            'c.hitl': 'role Reviewer { authority 1 }\nworkflow W {\n    queue Q {\n        owner Reviewer\n        raci { informed Reviewer }\n    }\n}\n',
        });
        expect(workspace.codes('c.hitl')).toContain('raci/informed-reachable');

        await workspace.edit({ 'a.hitl': `${channel}role Reviewer { channel Mail  authority 1 }\n` });

        expect(workspace.codes('c.hitl')).not.toContain('raci/informed-reachable');
        await expectSameAsFreshBuild(workspace);
    });
});

describe('dependencies through references', () => {
    const files = {
        'roles.hitl': 'role Analyst { authority 1 }\n',
        'teams.hitl': 'team Ops { members Analyst }\n',
        'workflow.hitl': 'workflow W {\n    queue Q {\n        owner Ops\n        raci { informed Ops }\n    }\n}\n',
    };

    test('a finding reached through a team in another file goes once the role in a third file is fixed', async () => {
        const workspace = await EditorWorkspace.open('transitive-fix', files);
        expect(workspace.codes('workflow.hitl')).toContain('raci/informed-reachable');

        await workspace.edit({ 'roles.hitl': `${channel}role Analyst { channel Mail  authority 1 }\n` });

        expect(workspace.codes('workflow.hitl')).not.toContain('raci/informed-reachable');
        await expectSameAsFreshBuild(workspace);
    });

    test('a finding reached through a team in another file appears once the role in a third file breaks', async () => {
        const workspace = await EditorWorkspace.open('transitive-break', {
            ...files,
            'roles.hitl': `${channel}role Analyst { channel Mail  authority 1 }\n`,
        });
        expect(workspace.codes('workflow.hitl')).not.toContain('raci/informed-reachable');

        await workspace.edit({ 'roles.hitl': `${channel}role Analyst { authority 1 }\n` });

        expect(workspace.codes('workflow.hitl')).toContain('raci/informed-reachable');
        await expectSameAsFreshBuild(workspace);
    });

    test('a document linked by a cancelled update to a new file is relinked when that file changes', async () => {
        const workspace = await EditorWorkspace.open('cancelled', {
            'roles.hitl': `${channel}role Lone { authority 1 }\n`,
            'teams-a.hitl': 'team Ops { members Lone }\n',
            'teams-b.hitl': 'team Other { members Lone }\n',
            'workflow.hitl': files['workflow.hitl'],
        });
        // The workflow's team moves to teams-b.hitl; the update stops right after relinking the workflow.
        await workspace.editCancelledOnceLinked({ 'teams-a.hitl': 'team Old { members Lone }\n', 'teams-b.hitl': 'team Ops { members Lone }\n' }, 'workflow.hitl');

        await workspace.edit({ 'teams-b.hitl': 'team Ops { members Lone  channel Mail }\n' });

        expect(workspace.codes('workflow.hitl')).not.toContain('raci/informed-reachable');
        await expectSameAsFreshBuild(workspace);
    });
});

describe('dependencies on the files that refer to a declaration', () => {
    const organisation = `${channel}role Lead { channel Mail  authority 2  final authority }\nescalation Leads {\n    to Lead via Mail within 1d\n    on timeout approve\n}\n`;
    const workflow = (risk: string) =>
        `workflow Lending {\n    start Review\n    gate Review {\n        reviewer Lead\n        sla 8h\n        on approve -> Lend\n        on reject -> Lend\n        on timeout escalate to Leads\n    }\n    decision Lend {\n        risk ${risk}\n        then Done\n    }\n    outcome Done { result "decided" }\n}\n`;

    test('an escalation that approves on timeout is flagged once a workflow in another file feeds it a risky decision', async () => {
        const workspace = await EditorWorkspace.open('referrers', { 'organisation.hitl': organisation, 'workflow.hitl': workflow('low') });
        expect(workspace.codes('organisation.hitl')).not.toContain('escalation/fail-closed');

        await workspace.edit({ 'workflow.hitl': workflow('high') });

        expect(workspace.codes('organisation.hitl')).toContain('escalation/fail-closed');
        await expectSameAsFreshBuild(workspace);

        await workspace.edit({ 'workflow.hitl': workflow('low') });

        expect(workspace.codes('organisation.hitl')).not.toContain('escalation/fail-closed');
        await expectSameAsFreshBuild(workspace);
    });

    test('the flag appears when a new workflow file starts using the escalation', async () => {
        const workspace = await EditorWorkspace.open('referrers-new', { 'organisation.hitl': organisation });
        await workspace.edit({ 'workflow.hitl': workflow('critical') });

        expect(workspace.codes('organisation.hitl')).toContain('escalation/fail-closed');
        await expectSameAsFreshBuild(workspace);
    });

    test('a dataset without a version is flagged once an AI step in another file reads it', async () => {
        const reader = (input: string) => `workflow Scoring {\n    start Score\n    ai step Score {\n        ${input}\n        then Done\n    }\n    outcome Done { result "scored" }\n}\n`;
        const workspace = await EditorWorkspace.open('dataset-readers', { 'data.hitl': 'dataset Applications { field amount }\n', 'workflow.hitl': reader('') });
        expect(workspace.codes('data.hitl')).not.toContain('data/dataset-declared');

        await workspace.edit({ 'workflow.hitl': reader('input Applications') });

        expect(workspace.codes('data.hitl')).toContain('data/dataset-declared');
        await expectSameAsFreshBuild(workspace);
    });

    test('a model with a version range is flagged once an AI step in a third file uses it through an AI actor', async () => {
        const user = (actor: string) => `workflow Ranking {\n    start Rank\n    ai step Rank {\n        ${actor}\n        then Done\n    }\n    outcome Done { result "ranked" }\n}\n`;
        const workspace = await EditorWorkspace.open('model-users', {
            'models.hitl': 'model Ranker { version "^1.2" }\n',
            'actors.hitl': 'ai actor RankingService { model Ranker }\n',
            'workflow.hitl': user(''),
        });
        expect(workspace.codes('models.hitl')).not.toContain('audit/pinned-versions');

        await workspace.edit({ 'workflow.hitl': user('actor RankingService') });

        expect(workspace.codes('models.hitl')).toContain('audit/pinned-versions');
        await expectSameAsFreshBuild(workspace);
    });
});

describe('a bypass through an escalation chain handed over across files', () => {
    const organisation = `${channel}role Lead { channel Mail  authority 2 }\nrole Head { channel Mail  authority 3  final authority }\nescalation Leads {\n    to Lead via Mail within 1d\n    on timeout escalate to Heads\n}\n`;
    const heads = (action: string) => `escalation Heads {\n    to Head via Mail within 1d\n    on timeout ${action}\n}\n`;
    const workflow =
        'workflow Lending {\n    start Score\n    ai step Score {\n        then Review\n    }\n    gate Review {\n        reviewer Lead\n        sla 8h\n        on approve -> Lend\n        on reject -> Lend\n        on timeout escalate to Leads\n    }\n    decision Lend {\n        risk high\n        then Done\n    }\n    outcome Done { result "decided" }\n}\n';

    test("the workflow's finding follows edits to the last chain, two files away", async () => {
        const workspace = await EditorWorkspace.open('chain-bypass', { 'organisation.hitl': organisation, 'heads.hitl': heads('deny'), 'workflow.hitl': workflow });
        expect(workspace.codes('workflow.hitl')).not.toContain('oversight/gate-bypass');

        await workspace.edit({ 'heads.hitl': heads('approve') });

        expect(workspace.codes('workflow.hitl')).toContain('oversight/gate-bypass');
        expect(workspace.codes('heads.hitl')).toContain('escalation/fail-closed');
        await expectSameAsFreshBuild(workspace);

        await workspace.edit({ 'heads.hitl': heads('pause') });

        expect(workspace.codes('workflow.hitl')).not.toContain('oversight/gate-bypass');
        await expectSameAsFreshBuild(workspace);
    });
});

describe('an edit re-checks what depends on it, and nothing else', () => {
    const organisation = `${channel}role Reviewer { channel Mail  authority 1 }\n`;
    const workflow = (name: string, sla: string) => `workflow ${name} {\n    queue Q${name} {\n        owner Reviewer\n        timeout ${sla}\n        raci { informed Reviewer }\n    }\n}\n`;

    test('an edit inside one workflow file links and validates that file only', async () => {
        const workspace = await EditorWorkspace.open('only-edited', { 'a.hitl': organisation, 'w1.hitl': workflow('One', '1d'), 'w2.hitl': workflow('Two', '1d') });

        const rebuilt = await workspace.edit({ 'w1.hitl': workflow('One', '0d') });

        expect(rebuilt).toEqual({ linked: ['w1.hitl'], validated: ['w1.hitl'] });
        await expectSameAsFreshBuild(workspace);
    });

    test('while a name is declared twice, editing the file with the second declaration relinks no other file', async () => {
        const workspace = await EditorWorkspace.open('second-declaration', {
            'a.hitl': organisation,
            'w1.hitl': workflow('One', '1d'),
            'w2.hitl': workflow('Two', '1d'),
            'z.hitl': 'role Reviewer { authority 2 }\n',
        });

        const rebuilt = await workspace.edit({ 'z.hitl': '\nrole Reviewer { authority 3 }\n' });

        // a.hitl is re-checked: its declaration is the other copy of the name.
        expect(rebuilt).toEqual({ linked: ['z.hitl'], validated: ['a.hitl', 'z.hitl'] });
        await expectSameAsFreshBuild(workspace);
    });
});
