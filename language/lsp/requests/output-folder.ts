import type { LangiumSharedServices } from 'langium/lsp';
import { ErrorCodes, RequestType, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { EXPORT_TARGETS, type ExportTarget } from '../../exports/export-files.js';
import type { DeploymentFile, DeploymentFormat } from '../../generators/index.js';
import { DEPLOYMENT_FORMATS, outputFolderFiles, workflowsIn, type OutputKind } from '../../headless/output-folder-files.js';
import { builtWorkspace, refuseErrors, toolVersion } from './built-workspace.js';

// `hitl/compile` and `hitl/export`: the files `hitl compile` and `hitl export` write for the whole
// workspace (run at its root), manifest included; the extension writes them. Refused while the
// workspace has errors.

export interface CompileParams {
    /** The runtime configuration's format (default yaml). */
    readonly format?: DeploymentFormat;
}

export interface ExportParams {
    readonly target: ExportTarget;
}

export interface OutputFolderResult {
    /** Relative to the output folder, forward slashes; `manifest.json` last. */
    readonly files: readonly DeploymentFile[];
    readonly workflows: number;
}

export const CompileRequest = new RequestType<CompileParams, OutputFolderResult, void>('hitl/compile');
export const ExportRequest = new RequestType<ExportParams, OutputFolderResult, void>('hitl/export');

export function registerOutputFolderRequests(connection: Connection, shared: LangiumSharedServices): void {
    connection.onRequest(CompileRequest, (params, token) => compileFiles(shared, params, token));
    connection.onRequest(ExportRequest, (params, token) => exportFiles(shared, params, token));
}

export async function compileFiles(shared: LangiumSharedServices, params: CompileParams, token?: CancellationToken): Promise<OutputFolderResult> {
    const format = params.format ?? 'yaml';
    if (!DEPLOYMENT_FORMATS.includes(format)) throw new ResponseError(ErrorCodes.InvalidParams, `unknown compile format '${String(format)}'; use yaml or json`);
    return outputFolder(shared, { command: 'compile', format }, token);
}

export async function exportFiles(shared: LangiumSharedServices, params: ExportParams, token?: CancellationToken): Promise<OutputFolderResult> {
    if (!EXPORT_TARGETS.includes(params.target)) throw new ResponseError(ErrorCodes.InvalidParams, `unknown export target '${String(params.target)}'; use ${EXPORT_TARGETS.join(', ')}`);
    return outputFolder(shared, { command: 'export', target: params.target }, token);
}

async function outputFolder(shared: LangiumSharedServices, kind: OutputKind, token?: CancellationToken): Promise<OutputFolderResult> {
    const workspace = await builtWorkspace(shared, token);
    refuseErrors(workspace, kind.command);
    const workflows = workflowsIn(workspace.documents).length;
    if (workflows === 0) throw new ResponseError(ErrorCodes.InvalidRequest, `no workflow in the workspace; there is nothing to ${kind.command}`);
    // The sources as compiled: the editor's text of each document, the configuration as read.
    const sources = [
        ...workspace.documents.map((document) => ({ uri: document.uri, content: document.textDocument.getText() })),
        ...(workspace.configFile ? [{ uri: workspace.configFile, content: await shared.workspace.FileSystemProvider.readBinary(workspace.configFile) }] : []),
    ];
    const files = outputFolderFiles({ kind, toolVersion: toolVersion(), compiled: workspace.documents, documents: workspace.documents, sources, display: workspace.display });
    return { files, workflows };
}
