import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { describe, expect, test } from 'vitest';
import { createHitlServices } from '../../language/lsp/lsp-module.js';

/** The language server reads hitl.config.yaml from the workspace root when the workspace opens. */
async function openWorkspace(files: Record<string, string>) {
    const dir = mkdtempSync(path.join(tmpdir(), 'hitl-ws-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const { shared } = createHitlServices({ ...NodeFileSystem, now: () => new Date() });
    await shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: URI.file(dir).toString(), name: 'ws' }]);
    await shared.workspace.WorkspaceManager.ready;
    const document = shared.workspace.LangiumDocuments.getDocument(URI.file(path.join(dir, 'w.hitl')))!;
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    return document;
}

const WORKFLOW = 'workflow W {\n    outcome Done {\n        result "done"\n    }\n}\n';

describe('workspace configuration in the language server', () => {
    test('without a config file, rules report with their default severity', async () => {
        const document = await openWorkspace({ 'w.hitl': WORKFLOW });
        const finding = document.diagnostics!.find((d) => d.code === 'change/version-and-approver');
        expect(finding?.severity).toBe(1);
        expect(document.diagnostics!.some((d) => d.code === 'raci/business-owner')).toBe(true);
    });

    test('the config file lowers a severity or turns a rule off', async () => {
        const document = await openWorkspace({
            'w.hitl': WORKFLOW,
            'hitl.config.yaml': 'rules:\n  change/version-and-approver: warning\n  raci/business-owner: off\n',
        });
        expect(document.diagnostics!.find((d) => d.code === 'change/version-and-approver')?.severity).toBe(2);
        expect(document.diagnostics!.some((d) => d.code === 'raci/business-owner')).toBe(false);
    });
});
