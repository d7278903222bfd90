import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { DefaultCompletionProvider } from 'langium/lsp';
import { parseHelper } from 'langium/test';
import type { CompletionItem, CompletionList, Position, TextEdit } from 'vscode-languageserver-types';
import { beforeEach, describe, expect, test } from 'vitest';
import type { HitlFile } from '../../language/generated/ast.js';
import { createHitlServices } from '../../language/lsp/lsp-module.js';
import { MAX_COMPLETION_ITEMS, type HitlCompletionProvider } from '../../language/lsp/completion.js';

let services: ReturnType<typeof createHitlServices>;
let parse: ReturnType<typeof parseHelper<HitlFile>>;

beforeEach(() => {
    services = createHitlServices({ ...EmptyFileSystem, now: () => new Date() });
    parse = parseHelper<HitlFile>(services.Hitl);
});

const provider = () => services.Hitl.lsp.CompletionProvider as HitlCompletionProvider;

const addFile = (name: string, text: string) => parse(text, { documentUri: `file:///ws/${name}`, validation: true });

/** Completion at `<|>` in a file of the workspace. */
async function completeAt(name: string, textWithCursor: string): Promise<{ list: CompletionList; document: LangiumDocument<HitlFile> }> {
    const offset = textWithCursor.indexOf('<|>');
    const document = await addFile(name, textWithCursor.replace('<|>', ''));
    const list = await completeAtPosition(document, document.textDocument.positionAt(offset));
    return { list, document };
}

async function completeAtPosition(document: LangiumDocument, position: Position): Promise<CompletionList> {
    const list = await provider().getCompletion(document, { textDocument: { uri: document.uri.toString() }, position });
    return list ?? { isIncomplete: false, items: [] };
}

const labels = (list: CompletionList) => list.items.map((item) => item.label);

const gate = (body: string) => `workflow W {\n    gate Review {\n${body}\n    }\n    outcome Done\n}\n`;

describe('completion offers whole properties', () => {
    test('multi-word gate properties come as one item, not their first word', async () => {
        const { list } = await completeAt('w.hitl', gate('        <|>'));
        expect(labels(list)).toEqual(expect.arrayContaining(['no preselection', 'rationale required', 'four-eyes', 'reviewer', 'on']));
        expect(labels(list)).not.toContain('no');
        expect(labels(list)).not.toContain('rationale');
    });

    test('ai steps and models offer their multi-word properties, both that share a first word', async () => {
        const step = await completeAt('s.hitl', 'workflow W {\n    ai step S {\n        <|>\n    }\n}\n');
        expect(labels(step.list)).toEqual(expect.arrayContaining(['explanation required', 'confidence threshold']));
        const model = await completeAt('m.hitl', 'model M {\n    <|>\n}\n');
        expect(labels(model.list)).toEqual(expect.arrayContaining(['prompt template', 'prompt version']));
        expect(labels(model.list)).not.toContain('prompt');
    });

    test('accepting a property replaces the word typed so far', async () => {
        const { list, document } = await completeAt('w.hitl', gate('        no<|>'));
        const item = list.items.find((candidate) => candidate.label === 'no preselection');
        const edit = item?.textEdit as TextEdit;
        expect(document.textDocument.getText(edit.range)).toBe('no');
        expect(edit.newText).toBe('no preselection');
    });

    test('after the first word, the next word is offered on its own', async () => {
        const { list } = await completeAt('w.hitl', gate('        rationale <|>'));
        expect(labels(list)).toContain('required');
    });

    test('properties the block already has and can hold once are not offered again; lists still are', async () => {
        const { list } = await completeAt('w.hitl', gate('        sla 8h\n        rationale required\n        reviewer X\n        raci {\n            accountable X\n        }\n        <|>'));
        expect(labels(list)).not.toContain('sla');
        expect(labels(list)).not.toContain('rationale required');
        expect(labels(list)).not.toContain('raci');
        expect(labels(list)).toEqual(expect.arrayContaining(['reviewer', 'no preselection', 'on']));
    });

    test('a property is still completed while its own word is being edited', async () => {
        const { list } = await completeAt('w.hitl', gate('        sl<|>a 8h'));
        expect(labels(list)).toContain('sla');
    });
});

describe('completion ranks names declared nearby first', () => {
    test('same file, then files the file already uses, then the rest of the workspace', async () => {
        await addFile('clinical.hitl', 'role AttendingPhysician { authority 1 }\n');
        await addFile('credit-org.hitl', 'role CreditOfficer { authority 1 }\nrole Underwriter { authority 1 }\n');
        const { list } = await completeAt(
            'credit.hitl',
            'role LocalAnalyst { authority 1 }\nworkflow Credit {\n    owner CreditOfficer\n    gate Review {\n        reviewer <|>\n    }\n}\n',
        );
        const roles = list.items.filter((item) => item.kind !== 14).map((item) => item.label);
        expect(roles).toEqual(['LocalAnalyst', 'CreditOfficer', 'Underwriter', 'AttendingPhysician']);
    });
});

describe('a long list is cut to its first items', () => {
    /** Langium's own list, every item built, in the order the client shows it (sortText, then label; a stable sort). */
    async function uncapped(document: LangiumDocument, position: Position): Promise<CompletionItem[]> {
        const list = await DefaultCompletionProvider.prototype.getCompletion.call(provider(), document, { textDocument: { uri: document.uri.toString() }, position });
        const key = (item: CompletionItem) => `${item.sortText ?? ''}\u0000${item.label}`;
        return [...(list?.items ?? [])].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    }

    async function workspace(): Promise<void> {
        // 150 roles in other files, some declared twice (the list shows one of each), names that do and do not match `Re`.
        for (let file = 0; file < 10; file++) {
            const roles = Array.from({ length: 15 }, (_, i) => `role ${i % 2 === 0 ? 'Reviewer' : 'Approver'}${file}_${i} { authority 1 }\nrole Aide${i} { authority 1 }\n`);
            await addFile(`org${file}.hitl`, roles.join(''));
        }
    }

    const source = (typed: string) => `role LocalReader { authority 1 }\nworkflow W {\n    owner Approver3_1\n    gate Review {\n        reviewer ${typed}<|>\n    }\n    outcome Done\n}\n`;

    test.each(['', 'Re', 'Ai', 'Loc', 'Rev9_1', 'zz'])('typed %j: the items are those of the full list, cut, and the list says incomplete', async (typed) => {
        await workspace();
        const text = source(typed);
        const { list, document } = await completeAt('w.hitl', text);
        const full = await uncapped(document, document.textDocument.positionAt(text.indexOf('<|>')));
        expect(list.items).toEqual(full.slice(0, MAX_COMPLETION_ITEMS));
        expect(list.isIncomplete).toBe(true);
        if (typed === '') expect(full.length).toBeGreaterThan(MAX_COMPLETION_ITEMS);
        if (typed === 'Loc') expect(labels(list)).toEqual(['LocalReader']);
        if (typed === 'zz') expect(list.items).toEqual([]);
    });

    test('names nearby come first in the cut list, and a name declared in many files is listed once', async () => {
        await workspace();
        const { list } = await completeAt('w.hitl', source(''));
        expect(list.items).toHaveLength(MAX_COMPLETION_ITEMS);
        expect(labels(list).slice(0, 2)).toEqual(['LocalReader', 'Approver3_1']);
        expect(labels(list).filter((label) => label === 'Aide0')).toEqual(['Aide0']);
    });

    test('asking again gives the same list (what one request offered does not hide it from the next)', async () => {
        await workspace();
        const text = source('Ai');
        const { list, document } = await completeAt('w.hitl', text);
        const again = await completeAtPosition(document, document.textDocument.positionAt(text.indexOf('<|>')));
        expect(again).toEqual(list);
        expect(labels(again)).toContain('Aide0');
    });
});

describe('completion documentation', () => {
    test('a name is listed with its kind; its documentation comes on resolve', async () => {
        await addFile('org.hitl', '/** Reviews credit applications. */\nrole Underwriter "Credit underwriter" {\n    authority 1\n}\n');
        const { list } = await completeAt('w.hitl', gate('        reviewer <|>'));
        const item = list.items.find((candidate) => candidate.label === 'Underwriter') as CompletionItem;
        expect(item.detail).toBe('role');
        expect(item.documentation).toBeUndefined();
        const resolved = await provider().resolveCompletionItem(item);
        expect(resolved.documentation).toEqual({ kind: 'markdown', value: 'role **Underwriter** — Credit underwriter\n\nReviews credit applications.' });
    });

    test('resolving an item without declaration data, or with data from elsewhere, returns it unchanged', async () => {
        const item = { label: 'x', data: { uri: 'file:///nowhere.hitl', path: '/elements@0' } };
        expect(await provider().resolveCompletionItem(item)).toEqual(item);
        expect(await provider().resolveCompletionItem({ label: 'y', data: 'garbage' })).toEqual({ label: 'y', data: 'garbage' });
        await addFile('org.hitl', 'role Underwriter { authority 1 }\n');
        for (const path of ['/constructor', '/__proto__', '/elements@0/constructor', '/elements@x', '/$cstNode']) {
            const hostile = { label: 'z', data: { uri: 'file:///ws/org.hitl', path } };
            expect(await provider().resolveCompletionItem(hostile), path).toEqual(hostile);
        }
    });
});

describe('completion at positions outside the text', () => {
    const text = 'workflow W {\n    gate Review {\n        sla 8h\n    }\n}\n';
    const inside = (document: LangiumDocument, position: Position) => {
        const { textDocument } = document;
        expect(textDocument.positionAt(textDocument.offsetAt(position)), JSON.stringify(position)).toEqual(position);
    };

    test.each([
        { line: 9999, character: 0 },
        { line: 2, character: 9999 },
        { line: 9999, character: 9999 },
        { line: -1, character: -5 },
    ])('at %o every range stays inside the text', async (position) => {
        const document = await addFile('w.hitl', text);
        const list = await completeAtPosition(document, position);
        for (const item of list.items) {
            const edit = item.textEdit as TextEdit;
            inside(document, edit.range.start);
            inside(document, edit.range.end);
        }
    });
});
