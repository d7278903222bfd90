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
