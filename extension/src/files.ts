import * as vscode from 'vscode';

/** Whether something is at the URI, on whatever file system holds it (local or remote). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(uri);
        return true;
    } catch {
        return false;
    }
}
