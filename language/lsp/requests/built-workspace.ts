import { Cancellation, DocumentState, isOperationCancelled, UriUtils, type LangiumDocument, type URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ResponseError } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { compileModel } from '../../compiler/compile-model.js';
import type { HitlModel } from '../../model/schema.js';
import { HitlWorkspaceManager } from '../workspace-manager.js';

// What the custom requests read: the workspace's documents once they are validated, named
// relative to the workspace root as the CLI names them, and compiled into the model.

/** Answered when the workspace has errors: nothing is simulated, compiled or exported. */
export const WORKSPACE_HAS_ERRORS = -32001;

export interface BuiltWorkspace {
    readonly root: URI;
    readonly documents: readonly LangiumDocument[];
    readonly configFile?: URI;
    /** Relative to the workspace root, forward slashes: as `hitl` run at the root names the file. */
    readonly display: (uri: URI) => string;
    /** Active errors (a suppressed finding does not count), as `hitl check` counts them. */
    readonly errors: number;
}

export async function builtWorkspace(shared: LangiumSharedServices, token = Cancellation.CancellationToken.None): Promise<BuiltWorkspace> {
    await shared.workspace.WorkspaceManager.ready;
    // Each document, not the builder's state: a build with nothing to do resets that state without telling its listeners.
    const builder = shared.workspace.DocumentBuilder;
    await Promise.all(
        shared.workspace.LangiumDocuments.all.map((document) =>
            builder.waitUntil(DocumentState.Validated, document.uri, token).catch((error: unknown) => {
                if (isOperationCancelled(error)) throw error;
                // A document the builder does not validate (one excluded from the workspace) is read as it is.
            }),
        ),
    );
    const manager = shared.workspace.WorkspaceManager;
    const hitl = manager instanceof HitlWorkspaceManager ? manager : undefined;
    const documents = shared.workspace.LangiumDocuments.all.toArray();
    const root = hitl?.workspaceRoot() ?? (documents[0] ? UriUtils.dirname(documents[0].uri) : undefined);
    if (!root) throw new Error('no workspace folder is open');
    const errors = documents.flatMap((document) => document.diagnostics ?? []).filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error && !(diagnostic.data as { suppression?: unknown } | undefined)?.suppression).length;
    const configFile = hitl?.configFile();
    return { root, documents, ...(configFile ? { configFile } : {}), display: (uri) => UriUtils.relative(root, uri), errors };
}

export function modelOf(workspace: BuiltWorkspace): HitlModel {
    return compileModel(workspace.documents, { display: workspace.display });
}

/** While the workspace has errors, what the server would produce says nothing: it refuses, with the count. */
export function refuseErrors(workspace: BuiltWorkspace, what: string): void {
    if (workspace.errors === 0) return;
    const count = `${workspace.errors} error${workspace.errors === 1 ? '' : 's'}`;
    throw new ResponseError(WORKSPACE_HAS_ERRORS, `${what} refused: the workspace has ${count}`, { errors: workspace.errors });
}

declare const HITL_VERSION: string;
/** The version the bundle was built as (esbuild.mjs), as the CLI reports it. */
export function toolVersion(): string {
    return typeof HITL_VERSION === 'string' ? HITL_VERSION : '0.0.0-dev';
}
