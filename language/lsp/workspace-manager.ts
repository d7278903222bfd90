import { DefaultWorkspaceManager, stream, URI, UriUtils, type FileSystemNode, type LangiumDocument, type Stream } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { DidChangeWatchedFilesParams, FileSystemWatcher, WorkspaceFolder } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { HitlServices } from '../hitl-module.js';
import { ConfigInvalid } from '../validation/built-in-rules.js';
import { rulePagesOf } from './language-server.js';
import type { RulePages } from './rule-pages.js';
import { CONFIG_FILE_NAME, type ConfigProblem } from '../settings/config-file.js';
import { ignoreMatcher, type IgnoreMatcher } from '../settings/ignore-patterns.js';
import { isWorkspaceBound } from '../workspace/workspace-bound.js';
import { describeReadError, readConfig, type LoadedConfig } from '../workspace/workspace-config.js';
import { findWorkspace, type WorkspaceLocation } from '../workspace/workspace-root.js';
import { yamlFileKind } from './yaml/yaml-file-kind.js';

/** The config file's problems as the editor shows them: at the CLI's line and column, linked to the rule's page. */
export function configDiagnostics(problems: readonly ConfigProblem[], pages: RulePages): Diagnostic[] {
    const href = pages.link(ConfigInvalid.code);
    return problems.map((problem) => {
        const position = { line: problem.line - 1, character: problem.column - 1 };
        return { range: { start: position, end: position }, severity: 1, code: ConfigInvalid.code, ...(href ? { codeDescription: { href } } : {}), source: 'hitl', message: problem.message };
    });
}

/**
 * Finds the workspace (the same way the CLI does), restricts the file system to it, reads its
 * `hitl.config.yaml` into every language's rule settings, and publishes the file's problems as
 * diagnostics on it. Bad configuration never stops the server: it reports and goes on with the defaults.
 */
export class HitlWorkspaceManager extends DefaultWorkspaceManager {
    private location: WorkspaceLocation | undefined;
    private startupFolders: readonly WorkspaceFolder[] = [];
    private ignored: IgnoreMatcher = () => false;
    private configShown: URI | undefined;
    /** The workspace folder is one the configuration above it ignores: a workspace of its own, as for the CLI. */
    private ownWorkspace = false;

    constructor(private readonly shared: LangiumSharedServices) {
        super(shared);
        // Every file is checked at start-up, as `hitl check` checks the workspace: the Problems
        // panel lists the errors that make compile, export and simulate refuse.
        this.initialBuildOptions = { validation: true };
    }

    protected override async performStartup(folders: WorkspaceFolder[]): Promise<LangiumDocument[]> {
        this.startupFolders = folders;
        const fileSystem = this.shared.workspace.FileSystemProvider;
        if (isWorkspaceBound(fileSystem)) fileSystem.restrictTo(this.roots());
        await this.reloadConfig();
        return super.performStartup(folders);
    }

    /** Re-reads the config file; true when there is a workspace to read it from. */
    async reloadConfig(): Promise<boolean> {
        const folders = this.startupFolders;
        if (folders.length === 0) return false;
        try {
            this.location = await findWorkspace(this.shared.workspace.FileSystemProvider, URI.parse(folders[0].uri));
            const config = this.location.configFile ? await readConfig(this.shared.workspace.FileSystemProvider, this.location.configFile) : { settings: {}, problems: [] };
            this.apply(config);
        } catch (error) {
            // Discovery itself failed (an unreadable folder): defaults, and say so in the log.
            this.apply({ settings: {}, problems: [] });
            this.shared.lsp.Connection?.console.error(`hitl: cannot read the workspace configuration: ${String(error)}`);
        }
        return true;
    }

    /** The workspace root as the CLI finds it (the folder of `hitl.config.yaml`, else the repository root, else the first folder). */
    workspaceRoot(): URI | undefined {
        return this.ownWorkspace ? this.roots()[0] : (this.location?.root ?? this.roots()[0]);
    }

    /** The configuration file read, if any: a source of what compile writes. */
    configFile(): URI | undefined {
        return this.location?.configFile;
    }

    roots(): URI[] {
        return this.startupFolders.map((folder) => URI.parse(folder.uri));
    }

    /** Whether a file is excluded by the config's `ignore` patterns; such files are neither loaded nor checked. */
    isIgnored(uri: URI): boolean {
        return this.relativeToConfig(uri, this.ignored);
    }

    /** Patterns are relative to the folder of the config file; nothing outside it matches. */
    private relativeToConfig(uri: URI, matches: IgnoreMatcher): boolean {
        const base = this.location?.configFile ? UriUtils.dirname(this.location.configFile) : undefined;
        if (!base) return false;
        const relative = UriUtils.relative(base, uri);
        return relative !== '' && !relative.startsWith('../') && relative !== '..' && matches(relative);
    }

    /** One file that vanished or cannot be read between the folder listing and the read costs that file, not the start-up. */
    protected override async loadWorkspaceDocuments(uris: Stream<URI>, collector: (document: LangiumDocument) => void): Promise<void> {
        await Promise.all(
            uris.map((uri) =>
                super.loadWorkspaceDocuments(stream([uri]), collector).catch((error: unknown) => {
                    this.shared.lsp.Connection?.console.warn(`hitl: ${uri.fsPath} is not loaded: ${describeReadError(error)}`);
                }),
            ),
        );
    }

    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        return super.shouldIncludeEntry(entry) && !this.isIgnored(entry.uri);
    }

    private apply(config: LoadedConfig): void {
        for (const services of this.shared.ServiceRegistry.all) {
            (services as HitlServices).governance?.RuleSettings.configure(config.settings);
        }
        const ignored = ignoreMatcher(config.settings.ignore ?? []);
        // A workspace folder that the configuration above it ignores (a fixture folder opened on
        // its own) is a workspace of its own, as for the CLI: nothing in it is ignored.
        this.ownWorkspace = this.roots().some((root) => this.relativeToConfig(root, ignored));
        this.ignored = this.ownWorkspace ? () => false : ignored;
        const connection = this.shared.lsp.Connection;
        const file = this.location?.configFile;
        // A config file that moved or vanished must not keep its old diagnostics.
        if (this.configShown && (!file || this.configShown.toString() !== file.toString())) {
            connection?.sendDiagnostics({ uri: this.configShown.toString(), diagnostics: [] });
        }
        // Open in the editor, the file's diagnostics are those of its text there (yaml-files.ts):
        // the content on disk must not overwrite them.
        const open = file && this.shared.workspace.TextDocuments.get(file.toString());
        if (file && !open) connection?.sendDiagnostics({ uri: file.toString(), diagnostics: configDiagnostics(config.problems, rulePagesOf(this.shared)) });
        this.configShown = file;
    }
}

/** Watches the config file too; a change re-reads it and re-validates every document. */
export class HitlDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    constructor(private readonly shared: LangiumSharedServices) {
        super(shared);
    }

    /** hitl's YAML files are not hitl: the builder would parse an open one as hitl if it saw it (yaml/yaml-files.ts handles them). */
    protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
        const isHitl = (uri: URI) => yamlFileKind(uri) === undefined;
        super.fireDocumentUpdate(changed.filter(isHitl), deleted.filter(isHitl));
    }

    /**
     * Langium keeps a closed document as the editor last had it. A closed untitled document no
     * longer exists anywhere: it leaves the workspace (and its diagnostics go), or the next
     * rebuild of it (a configuration change rebuilds every document) would look for it on disk
     * and fail the whole build.
     */
    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        if (uri.scheme !== 'file') this.fireDocumentUpdate([], [uri]);
    }

    protected override getWatchers(): FileSystemWatcher[] {
        return [...super.getWatchers(), { globPattern: `**/${CONFIG_FILE_NAME}` }];
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        const isConfig = (uri: string) => uri.endsWith(`/${CONFIG_FILE_NAME}`);
        const others = { changes: params.changes.filter((change) => !isConfig(change.uri)) };
        if (others.changes.length > 0) super.didChangeWatchedFiles(others);
        if (params.changes.some((change) => isConfig(change.uri))) void this.reloadAndRevalidate();
    }

    private async reloadAndRevalidate(): Promise<void> {
        try {
            const manager = this.shared.workspace.WorkspaceManager as unknown as HitlWorkspaceManager;
            await manager.reloadConfig();
            const documents = this.shared.workspace.LangiumDocuments.all.toArray();
            // Files the new patterns ignore leave the workspace (unless open: a file the user opens is
            // checked, as a file named on the command line is); the rest are checked under the new
            // settings, and the folders are searched again for files the old patterns ignored.
            const isOpen = (document: LangiumDocument) => this.shared.workspace.TextDocuments.get(document.uri.toString()) !== undefined;
            const removed = documents.filter((document) => manager.isIgnored(document.uri) && !isOpen(document));
            const kept = documents.filter((document) => !removed.includes(document)).map((document) => document.uri);
            this.fireDocumentUpdate([...manager.roots(), ...kept], removed.map((document) => document.uri));
        } catch (error) {
            this.shared.lsp.Connection?.console.error(`hitl: reloading ${CONFIG_FILE_NAME} failed: ${String(error)}`);
        }
    }
}
