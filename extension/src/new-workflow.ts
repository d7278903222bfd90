import * as vscode from 'vscode';
import { exists } from './files.js';
import { fillTemplate, workflowNameProblem } from './workflow-template.js';

/**
 * "hitl: New workflow": asks for a name (or takes it as the argument) and opens an untitled
 * `.hitl` document from the template, named for the first workspace folder so that Save
 * proposes that place and the language server checks it with the workspace's files.
 */
export function registerNewWorkflow(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
        vscode.commands.registerCommand('hitl.newWorkflow', async (given?: string) => {
            const typed =
                typeof given === 'string'
                    ? given
                    : await vscode.window.showInputBox({
                          title: 'hitl: New workflow',
                          prompt: 'The name of the workflow',
                          placeHolder: 'Customer onboarding',
                          validateInput: workflowNameProblem,
                      });
            if (typed === undefined) return undefined;
            const template = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'templates', 'new-workflow.hitl')));
            const workflow = fillTemplate(template, typed);
            if (!workflow) {
                void vscode.window.showErrorMessage(`hitl: '${typed}' cannot name a workflow. ${workflowNameProblem(typed)}`);
                return undefined;
            }
            const document = await openUntitled(workflow.fileName, workflow.text);
            await vscode.window.showTextDocument(document);
            return document.uri;
        }),
    );
}

async function openUntitled(fileName: string, text: string): Promise<vscode.TextDocument> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) return vscode.workspace.openTextDocument({ language: 'hitl', content: text });
    const uri = await freeUri(folder, fileName);
    const document = await vscode.workspace.openTextDocument(uri.with({ scheme: 'untitled' }));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), text);
    await vscode.workspace.applyEdit(edit);
    return document;
}

/** The file name in the folder, or with -2, -3, … before `.hitl` when a file has it already. */
async function freeUri(folder: vscode.Uri, fileName: string): Promise<vscode.Uri> {
    const stem = fileName.replace(/\.hitl$/, '');
    for (let index = 1; ; index++) {
        const uri = vscode.Uri.joinPath(folder, index === 1 ? fileName : `${stem}-${index}.hitl`);
        const open = vscode.workspace.textDocuments.some((document) => document.uri.path === uri.path);
        if (!open && !(await exists(uri))) return uri;
    }
}
