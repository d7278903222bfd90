import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { expectCompletion, expectFoldings, expectFormatting, expectGoToDefinition, expectHover, expectSymbols, highlightHelper, expectSemanticToken, parseHelper } from 'langium/test';
import { SemanticTokenTypes } from 'vscode-languageserver-types';
import { beforeEach, describe, expect, test } from 'vitest';
import { createHitlServices } from '../../language/lsp/lsp-module.js';
import { MAX_COMPLETION_ITEMS } from '../../language/lsp/completion.js';

let services: ReturnType<typeof createHitlServices>;
let parse: ReturnType<typeof parseHelper>;

beforeEach(() => {
    services = createHitlServices({ ...EmptyFileSystem, now: () => new Date() });
    parse = parseHelper(services.Hitl);
});

const organisation = `
/** Reviews credit applications; holds the underwriting licence. */
role Underwriter "Credit underwriter" {
    competence "Underwriting level 2"
    authority 1
}
role HeadOfCredit {
    authority 3
}
dataset Applications {
    version "1"
    field income personal
}
`;

async function addFile(name: string, text: string): Promise<LangiumDocument> {
    return parse(text, { documentUri: `file:///ws/${name}`, validation: true });
}

describe('completion', () => {
    test('offers the properties of the block being written', async () => {
        await expectCompletion(services.Hitl)({
            text: 'workflow W {\n    ai step Score {\n        <|>\n    }\n}',
            index: 0,
            assert: (list) => {
                const labels = list.items.map((item) => item.label);
                expect(labels).toEqual(expect.arrayContaining(['confidence threshold', 'task', 'model', 'raci', 'on', 'then']));
                expect(labels).not.toContain('workflow');
            },
        });
    });

    test('offers declared roles, from other files too, where a reviewer is named', async () => {
        await addFile('org.hitl', organisation);
        await expectCompletion(services.Hitl)({
            text: 'workflow W {\n    gate Review {\n        reviewer <|>\n    }\n}',
            parseOptions: { documentUri: 'file:///ws/w.hitl' },
            index: 0,
            assert: (list) => {
                const labels = list.items.map((item) => item.label);
                expect(labels).toEqual(expect.arrayContaining(['Underwriter', 'HeadOfCredit']));
                expect(labels).not.toContain('Applications');
            },
        });
    });

    test('caps long lists and says the list is incomplete', async () => {
        const roles = Array.from({ length: 250 }, (_, i) => `role Reviewer${String(i).padStart(3, '0')} { authority 1 }`).join('\n');
        await addFile('many.hitl', roles);
        await expectCompletion(services.Hitl)({
            text: 'workflow W {\n    gate Review {\n        reviewer <|>\n    }\n}',
            parseOptions: { documentUri: 'file:///ws/w.hitl' },
            index: 0,
            assert: (list) => {
                expect(list.items.length).toBe(MAX_COMPLETION_ITEMS);
                expect(list.isIncomplete).toBe(true);
            },
        });
    });
});

describe('hover', () => {
    test('shows the kind, name, title and documentation of a referenced role', async () => {
        await addFile('org.hitl', organisation);
        await expectHover(services.Hitl)({
            text: 'workflow W {\n    gate Review {\n        reviewer Under<|>writer\n        on approve -> Done\n    }\n    outcome Done\n}',
            parseOptions: { documentUri: 'file:///ws/w.hitl' },
            index: 0,
            hover: /role \*\*Underwriter\*\* — Credit underwriter[\s\S]*holds the underwriting licence/,
        });
    });

    test('explains the rule behind a diagnostic under the cursor', async () => {
        const document = await addFile('w.hitl', 'workflow W {\n    gate Review {\n        sla 0h\n        on approve -> Done\n    }\n    outcome Done\n}');
        const hover = await services.Hitl.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() },
            position: { line: 2, character: 13 },
        });
        const text = (hover?.contents as { value: string }).value;
        expect(text).toContain('**escalation/timeout-required**');
        expect(text).toContain('G18');
        // The editor's card links to the page instead of sending the reader to a command line.
        expect(text).not.toContain('hitl explain');
        expect(text).toContain('[Read the full page of escalation/timeout-required](https://github.com/hitl-dev/hitl/blob/main/docs/rules/escalation/timeout-required.md)');
    });

    test('explains the code named in a suppression', async () => {
        await expectHover(services.Hitl)({
            text: 'workflow W {\n    suppress "flow/dead-<|>end" {\n        reason "x"\n    }\n    outcome Done\n}',
            index: 0,
            hover: /\*\*flow\/dead-end\*\* — Every step that is not an outcome leads somewhere/,
        });
    });
});

describe('navigation', () => {
    test('go to definition jumps to a role declared in another file', async () => {
        const org = await addFile('org.hitl', organisation);
        const workflow = await addFile('w.hitl', 'workflow W {\n    gate Review {\n        reviewer Underwriter\n        on approve -> Done\n    }\n    outcome Done\n}');
        const offset = workflow.textDocument.getText().indexOf('Underwriter') + 2;
        const links = await services.Hitl.lsp.DefinitionProvider!.getDefinition(workflow, {
            textDocument: { uri: workflow.uri.toString() },
            position: workflow.textDocument.positionAt(offset),
        });
        expect(links).toHaveLength(1);
        expect(links![0].targetUri).toBe(org.uri.toString());
        expect(org.textDocument.getText(links![0].targetSelectionRange)).toBe('Underwriter');
    });

    test('go to definition within a workflow jumps to the step', async () => {
        await expectGoToDefinition(services.Hitl)({
            text: 'workflow W {\n    ai step Score {\n        then <|>Done\n    }\n    outcome <|Done|>\n}',
            index: 0,
            rangeIndex: 0,
        });
    });

    test('find references lists uses in every file', async () => {
        const org = await addFile('org.hitl', organisation);
        const a = await addFile('a.hitl', 'workflow A {\n    gate G {\n        reviewer Underwriter\n        on approve -> Done\n    }\n    outcome Done\n}');
        const b = await addFile('b.hitl', 'workflow B {\n    queue Q {\n        owner Underwriter\n        then Done\n    }\n    outcome Done\n}');
        const offset = org.textDocument.getText().indexOf('Underwriter "');
        const references = await services.Hitl.lsp.ReferencesProvider!.findReferences(org, {
            textDocument: { uri: org.uri.toString() },
            position: org.textDocument.positionAt(offset),
            context: { includeDeclaration: false },
        });
        expect(references.map((r) => r.uri).sort()).toEqual([a.uri.toString(), b.uri.toString()].sort());
    });
});

describe('rename', () => {
    test('renames a role in its declaration and in every file that uses it', async () => {
        const org = await addFile('org.hitl', organisation);
        const workflow = await addFile('w.hitl', 'workflow W {\n    gate Review {\n        reviewer Underwriter\n        on approve -> Done\n    }\n    outcome Done\n}');
        const edit = await services.Hitl.lsp.RenameProvider!.rename(org, {
            textDocument: { uri: org.uri.toString() },
            position: org.textDocument.positionAt(org.textDocument.getText().indexOf('Underwriter "')),
            newName: 'CreditReviewer',
        });
        expect(Object.keys(edit!.changes!).sort()).toEqual([org.uri.toString(), workflow.uri.toString()].sort());
        for (const edits of Object.values(edit!.changes!)) expect(edits.every((e) => e.newText === 'CreditReviewer')).toBe(true);
    });

    test('renaming a dataset field rewrites only the field part of Dataset.field references', async () => {
        const org = await addFile('org.hitl', organisation);
        const workflow = await addFile('w.hitl', 'workflow W {\n    access {\n        mask Applications.income in audit\n    }\n    outcome Done\n}');
        const edit = await services.Hitl.lsp.RenameProvider!.rename(org, {
            textDocument: { uri: org.uri.toString() },
            position: org.textDocument.positionAt(org.textDocument.getText().indexOf('income')),
            newName: 'annual_income',
        });
        const edits = edit!.changes![workflow.uri.toString()];
        expect(edits).toHaveLength(1);
        expect(workflow.textDocument.getText(edits[0].range)).toBe('income');
        expect(edits[0].newText).toBe('annual_income');
    });

    test('renaming a dataset rewrites the dataset part of Dataset.field references', async () => {
        const org = await addFile('org.hitl', organisation);
        const workflow = await addFile('w.hitl', 'workflow W {\n    access {\n        mask Applications.income in audit\n    }\n    outcome Done\n}');
        const edit = await services.Hitl.lsp.RenameProvider!.rename(org, {
            textDocument: { uri: org.uri.toString() },
            position: org.textDocument.positionAt(org.textDocument.getText().indexOf('Applications')),
            newName: 'LoanApplications',
        });
        const edits = edit!.changes![workflow.uri.toString()];
        expect(edits.map((e) => [workflow.textDocument.getText(e.range), e.newText])).toEqual([['Applications', 'LoanApplications']]);
    });
});

describe('outline, folding, highlighting, formatting', () => {
    test('document symbols show a workflow with its steps', async () => {
        await expectSymbols(services.Hitl)({
            text: 'workflow W {\n    ai step Score {\n        then Done\n    }\n    outcome Done\n}',
            assert: (symbols) => {
                expect(symbols.map((s) => s.name)).toEqual(['W']);
                expect(symbols[0].children?.map((s) => s.name)).toEqual(['Score', 'Done']);
            },
        });
    });

    test('blocks fold', async () => {
        await expectFoldings(services.Hitl)({
            text: '<|workflow W {\n    <|ai step Score {\n        then Done|>\n    }\n    outcome Done|>\n}',
        });
    });

    test('references are highlighted by what they name', async () => {
        const tokens = await highlightHelper(services.Hitl)('role R { authority 1 }\nworkflow W {\n    gate G {\n        reviewer <|R|>\n        on approve -> <|Done|>\n    }\n    outcome Done\n}');
        expectSemanticToken(tokens, { rangeIndex: 0, tokenType: SemanticTokenTypes.type });
        expectSemanticToken(tokens, { rangeIndex: 1, tokenType: SemanticTokenTypes.enumMember });
    });

    test('formatting through the language server lays out blocks', async () => {
        await expectFormatting(services.Hitl)({
            before: 'role   R {authority 1}',
            after: 'role R {\n    authority 1\n}\n',
        });
    });
});

describe('workspace', () => {
    test('a broken file does not stop its neighbours being resolved and checked', async () => {
        const { shared } = createHitlServices({ ...EmptyFileSystem, now: () => new Date() });
        const make = (name: string, text: string) => {
            const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///ws/${name}`));
            shared.workspace.LangiumDocuments.addDocument(document);
            return document;
        };
        const broken = make('broken.hitl', 'workflow {{{ §§§');
        const org = make('org.hitl', organisation);
        const good = make('good.hitl', 'workflow W {\n    gate G {\n        reviewer Underwriter\n        sla 0h\n        on approve -> Done\n    }\n    outcome Done\n}');
        await shared.workspace.DocumentBuilder.build([broken, org, good], { validation: true });
        expect(broken.diagnostics?.some((d) => String(d.code).startsWith('syntax/'))).toBe(true);
        const codes = good.diagnostics?.map((d) => d.code);
        expect(codes).toContain('escalation/timeout-required');
        expect(codes).not.toContain('reference/unresolved');
    });
});
