import * as vscode from 'vscode';
import { ResponseError } from 'vscode-languageclient/node';

/** The server's answer while the workspace has errors (language/lsp/requests/simulation.ts). */
const WORKSPACE_HAS_ERRORS = -32001;

/** Tells the user why a request failed; a refusal for errors offers the Problems panel. */
export async function showRequestError(error: unknown, what: string): Promise<void> {
    if (error instanceof ResponseError && error.code === WORKSPACE_HAS_ERRORS) {
        const open = 'Show Problems';
        const choice = await vscode.window.showErrorMessage(`hitl: ${error.message}. Fix them first.`, open);
        if (choice === open) await vscode.commands.executeCommand('workbench.actions.view.problems');
        return;
    }
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`hitl: ${what} failed: ${message}`);
}
