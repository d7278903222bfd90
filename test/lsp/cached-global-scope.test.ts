import { AstUtils, isReference, type LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import { ReferenceUnresolved } from '../../language/validation/built-in-rules.js';
import { EditorWorkspace } from './editor-workspace.js';

// The editor keeps the workspace's exported names between edits instead of rebuilding them;
// these edits must still link and check every file as a fresh `hitl check` of the same texts.

const workflow = (role: string) => `workflow W {\n    queue Q {\n        owner ${role}\n        raci { informed ${role} }\n    }\n}\n`;

/** Where each reference of the document leads: the document of its target, and whether that is the target's current tree. */
function targets(document: LangiumDocument | undefined): Array<{ text: string; in: string | undefined; current: boolean }> {
    return (document?.references ?? []).filter(isReference).map((reference) => {
        const target = reference.ref;
        const root = target && AstUtils.findRootNode(target);
        const targetDocument = target && AstUtils.getDocument(target);
        return { text: reference.$refText, in: targetDocument?.uri.path.split('/').pop(), current: root !== undefined && root === targetDocument?.parseResult.value };
    });
}

describe('an edit that renames an exported name', () => {
    test('relinks the files referring to it, whose diagnostics change, and again when it is renamed back', async () => {
        const workspace = await EditorWorkspace.open('rename-export', {
            'a.hitl': 'role Reviewer { authority 1 }\n',
            'c.hitl': workflow('Reviewer'),
        });
        expect(workspace.codes('c.hitl')).not.toContain(ReferenceUnresolved.code);

        const renamed = await workspace.edit({ 'a.hitl': 'role Reviewers { authority 1 }\n' });

        expect(renamed.linked).toContain('c.hitl');
        expect(workspace.codes('c.hitl').filter((code) => code === ReferenceUnresolved.code)).toHaveLength(2);
        expect(workspace.diagnostics('c.hitl').map((d) => d.message)).toContain("No role, team or AI actor named 'Reviewer'; did you mean 'Reviewers'?");

        const back = await workspace.edit({ 'a.hitl': 'role Reviewer { authority 1 }\n' });

        expect(back.linked).toContain('c.hitl');
        expect(workspace.codes('c.hitl')).not.toContain(ReferenceUnresolved.code);
        expect(targets(workspace.document('c.hitl'))).toEqual([
            { text: 'Reviewer', in: 'a.hitl', current: true },
            { text: 'Reviewer', in: 'a.hitl', current: true },
        ]);
        const { editor, fresh } = await workspace.compareWithFreshBuild();
        expect(editor).toEqual(fresh);
    });

    test('a file declaring the old name again takes over the references', async () => {
        const workspace = await EditorWorkspace.open('rename-takeover', {
            'a.hitl': 'role Reviewer { authority 1 }\n',
            'b.hitl': 'role Lead { authority 2 }\n',
            'c.hitl': workflow('Reviewer'),
        });
        await workspace.edit({ 'a.hitl': 'role Approver { authority 1 }\n' });
        await workspace.edit({ 'b.hitl': 'role Reviewer { authority 2 }\n' });

        expect(workspace.codes('c.hitl')).not.toContain(ReferenceUnresolved.code);
        expect(targets(workspace.document('c.hitl')).map((target) => target.in)).toEqual(['b.hitl', 'b.hitl']);
        const { editor, fresh } = await workspace.compareWithFreshBuild();
        expect(editor).toEqual(fresh);
    });
});

describe('an edit that changes no exported name', () => {
    test("leaves other files' results as they were, and links the edited file to its own new declarations", async () => {
        const workspace = await EditorWorkspace.open('same-exports', {
            'a.hitl': `role Reviewer { authority 1 }\n${workflow('Reviewer')}`,
            'b.hitl': 'role Other { authority 1 }\nworkflow V {\n    queue P {\n        owner Other\n        raci { informed Missing }\n    }\n}\n',
        });
        const before = workspace.diagnostics('b.hitl');
        expect(workspace.codes('b.hitl')).toContain(ReferenceUnresolved.code);

        const edited = await workspace.edit({ 'a.hitl': `role Reviewer { authority 2 }\n${workflow('Reviewer')}` });

        // b.hitl has an unresolved reference, so it is relinked in case the edit declared its name; its results stay the same.
        expect(edited.linked).toEqual(['a.hitl', 'b.hitl']);
        expect(workspace.diagnostics('b.hitl')).toEqual(before);
        expect(targets(workspace.document('a.hitl'))).toEqual([
            { text: 'Reviewer', in: 'a.hitl', current: true },
            { text: 'Reviewer', in: 'a.hitl', current: true },
        ]);
        const { editor, fresh } = await workspace.compareWithFreshBuild();
        expect(editor).toEqual(fresh);
    });

    test('a file that neither refers to the edited one nor has unresolved references is neither relinked nor re-checked', async () => {
        const workspace = await EditorWorkspace.open('untouched', {
            'a.hitl': 'role Reviewer { authority 1 }\n',
            'b.hitl': `role Other { authority 1 }\n${workflow('Other')}`,
        });
        const before = workspace.diagnostics('b.hitl');

        const edited = await workspace.edit({ 'a.hitl': 'role Reviewer { authority 3 }\n' });

        expect(edited).toEqual({ linked: ['a.hitl'], validated: ['a.hitl'] });
        expect(workspace.diagnostics('b.hitl')).toBe(before);
    });
});
