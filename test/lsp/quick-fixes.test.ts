import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-types';
import { describe, expect, test } from 'vitest';
import { formatText } from '../../language/lsp/formatter.js';
import { quickFixes } from '../../language/lsp/quick-fixes/index.js';
import { buildWorkspace, createEditorTestServices } from '../services.js';

const ROOT = path.resolve('test/fixtures/quick-fixes');

/**
 * One fixture per quick fix: test/fixtures/quick-fixes/<area>/<rule-name>.hitl, formatted,
 * with a finding of that code. Applying the fix must remove the finding, add no syntax error
 * and leave the text formatted.
 */
const fixtures = readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((area) => readdirSync(path.join(ROOT, area.name)).filter((f) => f.endsWith('.hitl')).map((f) => `${area.name}/${f.slice(0, -5)}`))
    .sort();

describe('quick fixes', () => {
    test('at least 15 diagnostic codes have a quick fix, each with a fixture', () => {
        expect(Object.keys(quickFixes).length).toBeGreaterThanOrEqual(15);
        expect(Object.keys(quickFixes).sort()).toEqual(fixtures);
    });

    test.each(fixtures)('%s: applying the fix removes the finding and keeps the file well-formed', async (code) => {
        const text = readFileSync(path.join(ROOT, `${code}.hitl`), 'utf8');
        const [document] = await buildWorkspace({ 'fix.hitl': text });
        const diagnostic = document.diagnostics?.find((d) => d.code === code);
        expect(diagnostic, `fixture must have a ${code} finding`).toBeDefined();

        const { Hitl } = createEditorTestServices();
        const actions = await Hitl.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() },
            range: diagnostic!.range,
            context: { diagnostics: [diagnostic!] },
        });
        const action = actions?.find((a): a is CodeAction => 'edit' in a && a.edit !== undefined);
        expect(action, `a quick fix for ${code}`).toBeDefined();
        const edits = action!.edit!.changes![document.uri.toString()];
        const fixed = TextDocument.applyEdits(TextDocument.create('file:///x.hitl', 'hitl', 1, text), edits);

        const [after] = await buildWorkspace({ 'fix.hitl': fixed });
        const codes = (after.diagnostics ?? []).filter((d) => d.severity !== 4).map((d) => String(d.code));
        expect(codes.filter((c) => c.startsWith('syntax/'))).toEqual([]);
        expect(codes, fixed).not.toContain(code);
        expect(formatText(after), 'the fixed text is formatted').toBe(fixed);
    });
});

describe('quick fixes for a finding on a value its rule judges', () => {
    async function actionsFor(text: string, code: string, line: number): Promise<CodeAction[]> {
        const [document] = await buildWorkspace({ 'fix.hitl': text });
        const diagnostic = document.diagnostics?.find((d) => d.code === code && d.range.start.line === line);
        expect(diagnostic, `a ${code} finding on line ${line + 1}`).toBeDefined();
        const { Hitl } = createEditorTestServices();
        const actions = await Hitl.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() },
            range: diagnostic!.range,
            context: { diagnostics: [diagnostic!] },
        });
        return (actions ?? []).filter((a): a is CodeAction => 'edit' in a);
    }

    test("a zero-deadline level is not offered the fix for an unreachable one ('via <Channel>')", async () => {
        const text = [
            'channel Pager {',
            '    kind pager',
            '}',
            'role Lead {',
            '    authority 3',
            '}',
            'role Head {',
            '    authority 4',
            '    final authority',
            '}',
            'escalation E {',
            '    to Lead within 0h',
            '    to Head via Pager within 1d',
            '    on timeout deny',
            '}',
            '',
        ].join('\n');
        // Line 12 has two findings of the same code: no channel (on 'Lead') and the zero deadline (on '0h').
        const [document] = await buildWorkspace({ 'fix.hitl': text });
        const onLevel = (document.diagnostics ?? []).filter((d) => d.code === 'escalation/target-reachable' && d.range.start.line === 11);
        expect(onLevel.map((d) => d.range.start.character).sort((a, b) => a - b)).toEqual([7, 19]);
        const { Hitl } = createEditorTestServices();
        const titles = async (character: number) => {
            const diagnostic = onLevel.find((d) => d.range.start.character === character)!;
            const actions = await Hitl.lsp.CodeActionProvider!.getCodeActions(document, { textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
            return (actions ?? []).map((a) => a.title);
        };
        expect(await titles(7)).toEqual(['Reach Lead via Pager']);
        expect(await titles(19)).toEqual([]);
    });

    test('a zero retention is offered the fix that rewrites it', async () => {
        const text = ['workflow W {', '    outcome Done', '    audit {', '        record final-result', '        retention 0d', '    }', '}', ''].join('\n');
        expect((await actionsFor(text, 'audit/retention', 4)).map((a) => a.title)).toEqual(['Raise retention from 0d to 6mo, the legal minimum']);
    });

    test('a zero gate SLA is not offered the fixes for a missing SLA or timeout action', async () => {
        const text = ['workflow W {', '    gate G {', '        sla 0h', '        on approve -> Done', '    }', '    outcome Done', '}', ''].join('\n');
        expect(await actionsFor(text, 'escalation/timeout-required', 2)).toEqual([]);
    });

    test('an incident notice without a deadline is offered one, and keeps its channel', async () => {
        const text = [
            'channel Mail {',
            '    kind email',
            '}',
            'role Manager {',
            '    authority 3',
            '}',
            'model M {',
            '    version "1"',
            '}',
            'workflow W {',
            '    ai step S {',
            '        model M',
            '        then Done',
            '    }',
            '    outcome Done',
            '    incident {',
            '        notify Manager via Mail',
            '    }',
            '}',
            '',
        ].join('\n');
        const [action] = await actionsFor(text, 'data/incident-route', 16);
        expect(action.title).toBe('Notify Manager within 24h');
        const [edits] = Object.values(action.edit!.changes!);
        const fixed = TextDocument.applyEdits(TextDocument.create('file:///fix.hitl', 'hitl', 1, text), edits);
        expect(fixed).toContain('        notify Manager via Mail within 24h\n');
        const [after] = await buildWorkspace({ 'fix.hitl': fixed });
        expect((after.diagnostics ?? []).filter((d) => d.code === 'data/incident-route')).toEqual([]);
    });
});
