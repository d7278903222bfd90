import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { beforeEach, describe, expect, test } from 'vitest';
import { createHitlServices } from '../../language/lsp/lsp-module.js';

let services: ReturnType<typeof createHitlServices>;
let org: LangiumDocument;
let workflow: LangiumDocument;

const organisation = 'role Underwriter { authority 1 }\nrole HeadOfCredit { authority 3 }\ndataset Applications {\n    field income personal\n    field region\n}\n';
const flow = 'workflow W {\n    gate Review {\n        reviewer Underwriter\n        on approve -> Done\n    }\n    outcome Done\n    access {\n        mask Applications.income in audit\n    }\n}\n';

beforeEach(async () => {
    services = createHitlServices({ ...EmptyFileSystem, now: () => new Date() });
    const parse = parseHelper(services.Hitl);
    org = await parse(organisation, { documentUri: 'file:///ws/org.hitl', validation: true });
    workflow = await parse(flow, { documentUri: 'file:///ws/w.hitl', validation: true });
});

function renameAt(document: LangiumDocument, word: string, newName: string) {
    const position = document.textDocument.positionAt(document.textDocument.getText().indexOf(word) + 1);
    return services.Hitl.lsp.RenameProvider!.rename(document, { textDocument: { uri: document.uri.toString() }, position, newName });
}

async function refusal(answer: unknown): Promise<string> {
    const error = await Promise.resolve(answer).then(
        () => undefined,
        (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError<void>).code).toBe(LSPErrorCodes.RequestFailed);
    return (error as ResponseError<void>).message;
}

describe('rename refuses names the language cannot read', () => {
    test.each(['', 'two words', '1abc', '😀', 'a\nb', 'Credit-Officer', 'Underwriter;'])('%j is refused with a message', async (newName) => {
        expect(await refusal(renameAt(org, 'Underwriter', newName))).toContain('is not a valid name');
    });

    test.each(['workflow', 'role', 'gate', 'approve', 'to'])('the keyword %s cannot name a role', async (keyword) => {
        expect(await refusal(renameAt(org, 'Underwriter', keyword))).toMatch(/is a keyword of the \.hitl language and cannot name a role/);
    });

    test('a field may be named with a word of the language, as the grammar allows', async () => {
        const edit = await renameAt(org, 'income', 'decision');
        expect(edit?.changes?.[workflow.uri.toString()]?.map((e) => e.newText)).toEqual(['decision']);
    });
});

describe('rename refuses names already taken', () => {
    test('a top-level name taken anywhere in the workspace', async () => {
        expect(await refusal(renameAt(org, 'Underwriter', 'HeadOfCredit'))).toBe('"HeadOfCredit" is already the name of a role in org.hitl; names must be unique.');
        expect(await refusal(renameAt(workflow, 'Underwriter', 'Applications'))).toContain('"Applications" is already the name of a dataset in org.hitl');
        expect(await refusal(renameAt(org, 'Applications', 'W'))).toContain('a workflow in w.hitl');
    });

    test('a step name taken in the same workflow; a field name taken in the same dataset', async () => {
        expect(await refusal(renameAt(workflow, 'Done', 'Review'))).toBe('"Review" is already the name of a gate in the same workflow; names must be unique.');
        expect(await refusal(renameAt(org, 'income', 'region'))).toContain('a field in the same dataset');
    });

    test('a step may take a name used in another namespace, and renaming to the same name changes nothing', async () => {
        const edit = await renameAt(workflow, 'Done', 'Underwriter');
        expect(Object.values(edit?.changes ?? {}).flat()).toHaveLength(2);
        expect(await renameAt(org, 'Underwriter', 'Underwriter')).toEqual({ changes: {} });
    });

    test('a valid free name renames every use', async () => {
        const edit = await renameAt(workflow, 'Underwriter', 'CreditReviewer');
        expect(Object.keys(edit?.changes ?? {}).sort()).toEqual([org.uri.toString(), workflow.uri.toString()].sort());
    });
});

describe('rename at a Dataset.field reference', () => {
    test('the cursor on the dataset part renames the dataset, not the field', async () => {
        const position = workflow.textDocument.positionAt(workflow.textDocument.getText().indexOf('Applications.income') + 2);
        const edit = await services.Hitl.lsp.RenameProvider!.rename(workflow, { textDocument: { uri: workflow.uri.toString() }, position, newName: 'Loans' });
        const changed = (document: LangiumDocument) => edit!.changes![document.uri.toString()].map((e) => [document.textDocument.getText(e.range), e.newText]);
        expect(changed(org)).toEqual([['Applications', 'Loans']]);
        expect(changed(workflow)).toEqual([['Applications', 'Loans']]);
    });

    test('the cursor on the field part renames the field', async () => {
        const position = workflow.textDocument.positionAt(workflow.textDocument.getText().indexOf('income') + 2);
        const edit = await services.Hitl.lsp.RenameProvider!.rename(workflow, { textDocument: { uri: workflow.uri.toString() }, position, newName: 'salary' });
        expect(edit!.changes![org.uri.toString()].map((e) => [org.textDocument.getText(e.range), e.newText])).toEqual([['income', 'salary']]);
    });
});

describe('prepare rename', () => {
    const prepareAt = (document: LangiumDocument, word: string) => {
        const position = document.textDocument.positionAt(document.textDocument.getText().indexOf(word) + 1);
        return services.Hitl.lsp.RenameProvider!.prepareRename(document, { textDocument: { uri: document.uri.toString() }, position });
    };

    test('accepts a declared name and a reference, giving the range of the name', async () => {
        expect(workflow.textDocument.getText((await prepareAt(workflow, 'Underwriter')) as never)).toBe('Underwriter');
        expect(org.textDocument.getText((await prepareAt(org, 'HeadOfCredit')) as never)).toBe('HeadOfCredit');
    });

    test('refuses a keyword or a value with a message', async () => {
        expect(await refusal(Promise.resolve().then(() => prepareAt(workflow, 'gate')))).toContain('Only names can be renamed');
        expect(await refusal(Promise.resolve().then(() => prepareAt(org, 'authority 3')))).toContain('Only names can be renamed');
    });
});
