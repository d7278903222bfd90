import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { beforeAll, describe, expect, test } from 'vitest';
import type { LangiumDocument } from 'langium';
import { formatText } from '../../language/lsp/formatter.js';
import { buildDocument, createEditorTestServices } from '../services.js';

/** One declaration of every referenceable kind, and a workflow that refers to each. */
const WORKSPACE = `role Underwriter {
    channel Pager
}

team Board {
    members Underwriter
}

ai actor Scorer {
    model CreditModel
}

model CreditModel {
    credentials ApiKey
}

secret ApiKey from "vault://kv/credit"

dataset Applications {
}

channel Pager {
}

policy Decline {
}

escalation Chain {
}

workflow Limits {
    ai step Score {
        actor Scorer
        model CreditModel
        input Applications
        on unavailable use Decline -> Done
        then Review
    }

    gate Review {
        reviewer Underwriter
        escalate on timeout to Chain
        then Done
    }

    outcome Done
}
`;

/** A misspelt reference of each kind: the text it replaces, the typo, the kind named in the message and the fix offered. */
const TYPOS = [
    { find: 'reviewer Underwriter', typo: 'Underwritr', kind: 'role, team or AI actor', suggestion: 'Underwriter', declares: ['role', 'team'] },
    { find: 'members Underwriter', typo: 'Underwriterr', kind: 'role, team or AI actor', suggestion: 'Underwriter', declares: ['role', 'team'] },
    { find: 'to Chain', typo: 'Chian', kind: 'role, team or escalation', suggestion: 'Chain', declares: ['escalation', 'role'] },
    { find: 'actor Scorer\n', typo: 'Scorr', kind: 'AI actor', suggestion: 'Scorer', declares: ['ai actor'] },
    { find: '    model CreditModel\n        input', typo: 'CreditModl', kind: 'model', suggestion: 'CreditModel', declares: ['model'] },
    { find: 'input Applications', typo: 'Aplications', kind: 'dataset', suggestion: 'Applications', declares: ['dataset'] },
    { find: 'channel Pager\n', typo: 'Pagr', kind: 'channel', suggestion: 'Pager', declares: ['channel'] },
    { find: 'use Decline', typo: 'Declin', kind: 'policy', suggestion: 'Decline', declares: ['policy'] },
    { find: 'credentials ApiKey', typo: 'ApiKy', kind: 'secret', suggestion: 'ApiKey', declares: ['secret'] },
    { find: 'then Review', typo: 'Reviw', kind: 'step', suggestion: 'Review', declares: ['outcome'] },
] as const;

function misspell(text: string, find: string, suggestion: string, typo: string): string {
    const index = text.indexOf(find);
    expect(index, find).toBeGreaterThanOrEqual(0);
    return text.slice(0, index) + find.replace(suggestion, typo) + text.slice(index + find.length);
}

async function unresolvedIn(document: LangiumDocument): Promise<Diagnostic[]> {
    return (document.diagnostics ?? []).filter((d) => d.code === 'reference/unresolved');
}

async function actionsFor(document: LangiumDocument, diagnostic: Diagnostic): Promise<CodeAction[]> {
    const { Hitl } = createEditorTestServices();
    const actions = await Hitl.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
    });
    return (actions ?? []).filter((a): a is CodeAction => 'edit' in a && a.edit !== undefined);
}

describe('unresolved references: the kind expected, the nearest names, and fixes', () => {
    let base = WORKSPACE;

    beforeAll(async () => {
        const document = await buildDocument(WORKSPACE);
        expect(await unresolvedIn(document)).toEqual([]);
        base = formatText(document) ?? WORKSPACE;
    });

    test.each(TYPOS)('$typo (a $kind)', async ({ find, typo, kind, suggestion, declares }) => {
        const text = misspell(base, find, suggestion, typo);
        const document = await buildDocument(text);
        const [diagnostic, ...others] = await unresolvedIn(document);
        expect(others).toEqual([]);
        expect(diagnostic.message).toBe(`No ${kind} named '${typo}'; did you mean '${suggestion}'?`);

        const actions = await actionsFor(document, diagnostic);
        expect(actions.map((a) => a.title)).toEqual([
            `Replace with '${suggestion}'`,
            ...declares.map((what) => (what === 'outcome' ? `Declare outcome ${typo} in workflow 'Limits'` : `Declare ${what} ${typo}`)),
        ]);
        expect(actions[0].isPreferred).toBe(true);

        for (const action of actions) {
            const edits = action.edit!.changes![document.uri.toString()];
            const fixed = TextDocument.applyEdits(TextDocument.create('file:///x.hitl', 'hitl', 1, text), edits);
            const after = await buildDocument(fixed);
            const codes = (after.diagnostics ?? []).map((d) => String(d.code));
            expect(codes.filter((code) => code.startsWith('syntax/')), action.title).toEqual([]);
            expect(codes, `${action.title}\n${fixed}`).not.toContain('reference/unresolved');
            expect(formatText(after) ?? fixed, `${action.title}: the fixed text is formatted`).toBe(fixed);
        }
    });

    test('a name far from every declared one gets no suggestion, only the declarations', async () => {
        const document = await buildDocument(misspell(base, 'reviewer Underwriter', 'Underwriter', 'ComplianceOfficer'));
        const [diagnostic] = await unresolvedIn(document);
        expect(diagnostic.message).toBe("No role, team or AI actor named 'ComplianceOfficer'; declare it, or check the spelling.");
        expect((await actionsFor(document, diagnostic)).map((a) => a.title)).toEqual(['Declare role ComplianceOfficer', 'Declare team ComplianceOfficer']);
    });
});
