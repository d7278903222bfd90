import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { showRequestError } from './request-errors.js';

// "hitl: Compile workflows" and "hitl: Export to BPMN / Step Functions / Mermaid": the server
// returns the files `hitl compile` / `hitl export` write (`hitl/compile`, `hitl/export`); they are
// written under the setting `hitl.output.folder`, replacing the folder as a whole. These write
// files, so the manifest enables them only in a trusted workspace.

interface OutputFolderResult {
    readonly files: ReadonlyArray<{ readonly path: string; readonly content: string }>;
    readonly workflows: number;
}

/** What a command wrote; returned to its caller (the end-to-end tests read it). */
export interface Written {
    readonly folder: string;
    readonly files: readonly string[];
}

const COMMANDS = [
    { command: 'hitl.compile', method: 'hitl/compile', params: {}, folder: 'deploy', done: 'Compiled' },
    { command: 'hitl.exportBpmn', method: 'hitl/export', params: { target: 'bpmn' }, folder: 'bpmn', done: 'Exported to BPMN' },
    { command: 'hitl.exportAsl', method: 'hitl/export', params: { target: 'asl' }, folder: 'asl', done: 'Exported to Step Functions' },
    { command: 'hitl.exportMermaid', method: 'hitl/export', params: { target: 'mermaid' }, folder: 'mermaid', done: 'Exported to Mermaid' },
] as const;

const MANIFEST = 'manifest.json';

export function registerOutputFolder(context: vscode.ExtensionContext, client: LanguageClient): void {
    for (const entry of COMMANDS) {
        context.subscriptions.push(
            vscode.commands.registerCommand(entry.command, async (): Promise<Written | undefined> => {
                const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
                if (!workspaceFolder) {
                    void vscode.window.showWarningMessage('hitl: open a folder to write the output into.');
                    return undefined;
                }
                let result: OutputFolderResult;
                try {
                    result = await client.sendRequest<OutputFolderResult>(entry.method, entry.params);
                } catch (error) {
                    await showRequestError(error, entry.command === 'hitl.compile' ? 'compile' : 'export');
                    return undefined;
                }
                const base = vscode.workspace.getConfiguration('hitl').get<string>('output.folder', 'build/hitl').trim() || 'build/hitl';
                const target = vscode.Uri.joinPath(workspaceFolder.uri, ...base.split(/[\\/]+/).filter(Boolean), entry.folder);
                try {
                    await replaceFolder(target, result.files);
                } catch (error) {
                    void vscode.window.showErrorMessage(`hitl: cannot write ${vscode.workspace.asRelativePath(target)}: ${error instanceof Error ? error.message : String(error)}`);
                    return undefined;
                }
                const shown = vscode.workspace.asRelativePath(target);
                const reveal = 'Reveal in Explorer';
                void vscode.window.showInformationMessage(`hitl: ${entry.done} ${result.workflows} workflow${result.workflows === 1 ? '' : 's'} into ${shown}: ${result.files.length} files`, reveal).then(async (choice) => {
                    if (choice === reveal) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.joinPath(target, MANIFEST));
                });
                return { folder: target.toString(), files: result.files.map((file) => file.path) };
            }),
        );
    }
}

/**
 * Writes the files into a sibling temporary folder, then swaps it in for `target` (the old one is
 * renamed aside and deleted), so that a reader finds the old output or the new one. A folder that
 * hitl did not write (no manifest.json) is never replaced.
 */
async function replaceFolder(target: vscode.Uri, files: OutputFolderResult['files']): Promise<void> {
    const fs = vscode.workspace.fs;
    const exists = await fs.stat(target).then(
        (stat) => stat,
        () => undefined,
    );
    if (exists) {
        if (exists.type !== vscode.FileType.Directory) throw new Error('it is not a folder');
        const entries = await fs.readDirectory(target);
        if (entries.length > 0 && !entries.some(([name]) => name === MANIFEST)) throw new Error(`it holds files hitl did not write (no ${MANIFEST}); choose another hitl.output.folder`);
    }
    const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
    const sibling = (kind: string) => target.with({ path: `${target.path}.${suffix}.${kind}` });
    const temporary = sibling('tmp');
    const encoder = new TextEncoder();
    try {
        for (const file of files) await fs.writeFile(vscode.Uri.joinPath(temporary, ...file.path.split('/')), encoder.encode(file.content));
        if (exists) {
            const aside = sibling('old');
            await fs.rename(target, aside, { overwrite: false });
            await fs.rename(temporary, target, { overwrite: false });
            await fs.delete(aside, { recursive: true, useTrash: false });
        } else {
            await fs.rename(temporary, target, { overwrite: false });
        }
    } catch (error) {
        await fs.delete(temporary, { recursive: true, useTrash: false }).then(undefined, () => undefined);
        throw error;
    }
}
