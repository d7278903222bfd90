import { DefaultWorkspaceManager, URI, UriUtils, type LangiumDocument } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { DidChangeWatchedFilesParams, FileSystemWatcher, WorkspaceFolder } from 'vscode-languageserver-protocol';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { HitlServices } from '../hitl-module.js';
import { CONFIG_FILE_NAME, parseConfig } from '../settings/config-file.js';
import { ruleCatalogue } from '../validation/registry.js';

/**
 * Reads `hitl.config.yaml` from the workspace root into every language's rule settings, and
 * publishes its problems as diagnostics on the config file itself.
 */
async function loadWorkspaceConfig(shared: LangiumSharedServices, root: URI | undefined): Promise<void> {
    if (!root) return;
    const uri = UriUtils.joinPath(root, CONFIG_FILE_NAME);
    let text: string | undefined;
    try {
        text = await shared.workspace.FileSystemProvider.readFile(uri);
    } catch {
        text = undefined; // no config file: catalogue defaults
    }
    const { settings, problems } = text === undefined ? { settings: {}, problems: [] } : parseConfig(text, new Set(ruleCatalogue.map((rule) => rule.code)));
    for (const services of shared.ServiceRegistry.all) {
        (services as HitlServices).governance?.RuleSettings.configure(settings);
    }
    const diagnostics: Diagnostic[] = problems.map((problem) => ({
        range: { start: { line: problem.line - 1, character: problem.column - 1 }, end: { line: problem.line - 1, character: problem.column - 1 } },
        severity: 1,
        code: 'config/invalid',
        source: 'hitl',
        message: problem.message,
    }));
    shared.lsp.Connection?.sendDiagnostics({ uri: uri.toString(), diagnostics });
}

export class HitlWorkspaceManager extends DefaultWorkspaceManager {
    constructor(private readonly shared: LangiumSharedServices) {
        super(shared);
    }

    protected override async performStartup(folders: WorkspaceFolder[]): Promise<LangiumDocument[]> {
        await loadWorkspaceConfig(this.shared, workspaceRoot(folders));
        return super.performStartup(folders);
    }

    /** Re-reads the config file; true when there is a workspace to read it from. */
    async reloadConfig(): Promise<boolean> {
        const root = workspaceRoot(this.folders ?? []);
        await loadWorkspaceConfig(this.shared, root);
        return root !== undefined;
    }
}

function workspaceRoot(folders: readonly WorkspaceFolder[]): URI | undefined {
    return folders.length > 0 ? URI.parse(folders[0].uri) : undefined;
}

/** Watches the config file too; a change re-reads it and re-validates every document. */
export class HitlDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    constructor(private readonly shared: LangiumSharedServices) {
        super(shared);
    }

    protected override getWatchers(): FileSystemWatcher[] {
        return [...super.getWatchers(), { globPattern: `**/${CONFIG_FILE_NAME}` }];
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        const configChanged = params.changes.some((change) => change.uri.endsWith(`/${CONFIG_FILE_NAME}`));
        const others = { changes: params.changes.filter((change) => !change.uri.endsWith(`/${CONFIG_FILE_NAME}`)) };
        if (others.changes.length > 0) super.didChangeWatchedFiles(others);
        if (configChanged) {
            void (this.shared.workspace.WorkspaceManager as HitlWorkspaceManager).reloadConfig().then(() => {
                this.fireDocumentUpdate(this.shared.workspace.LangiumDocuments.all.map((document) => document.uri).toArray(), []);
            });
        }
    }
}
