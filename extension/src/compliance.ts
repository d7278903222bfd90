import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { showRequestError } from './request-errors.js';
import { targetOf, webviewOptions, webviewPage } from './webview-page.js';

// "hitl: Show compliance report": the G01–G40 matrix of a workflow (`hitl/compliance`) in a
// webview; a finding's link reveals its line.

/** As language/report/workflow-compliance.ts shapes it; the extension reads the count and passes the rest to the view. */
export interface WorkflowCompliance {
    readonly workflow: string;
    readonly met: number;
    readonly total: number;
    readonly requirements: ReadonlyArray<{ readonly id: string; readonly status: string }>;
}

type ViewMessage = { readonly type: 'ready' } | { readonly type: 'reveal'; readonly uri: string; readonly line: number; readonly character: number };

export function registerCompliance(context: vscode.ExtensionContext, client: LanguageClient): void {
    const panels = new Map<string, { panel: vscode.WebviewPanel; compliance: WorkflowCompliance }>();
    context.subscriptions.push(
        vscode.commands.registerCommand('hitl.showCompliance', async (uriArgument?: unknown, workflowArgument?: unknown): Promise<WorkflowCompliance | undefined> => {
            const target = targetOf(uriArgument, workflowArgument);
            if (!target) {
                void vscode.window.showWarningMessage('hitl: open a .hitl file with a workflow to see its compliance matrix.');
                return undefined;
            }
            let compliance: WorkflowCompliance;
            try {
                compliance = await client.sendRequest<WorkflowCompliance>('hitl/compliance', target);
            } catch (error) {
                await showRequestError(error, 'the compliance report');
                return undefined;
            }
            const key = `${target.uri}#${compliance.workflow}`;
            const open = panels.get(key);
            if (open) {
                open.compliance = compliance;
                open.panel.reveal(undefined, true);
                void open.panel.webview.postMessage({ type: 'compliance', compliance });
                return compliance;
            }
            const panel = vscode.window.createWebviewPanel('hitl.compliance', `Compliance: ${compliance.workflow}`, vscode.ViewColumn.Beside, webviewOptions(context));
            const entry = { panel, compliance };
            panels.set(key, entry);
            panel.webview.html = webviewPage(context, panel.webview, 'compliance', `Compliance: ${compliance.workflow}`);
            panel.onDidDispose(() => panels.delete(key), undefined, context.subscriptions);
            panel.webview.onDidReceiveMessage(
                async (message: ViewMessage) => {
                    if (message.type === 'ready') {
                        void panel.webview.postMessage({ type: 'compliance', compliance: entry.compliance });
                    } else if (message.type === 'reveal') {
                        const position = new vscode.Position(message.line, message.character);
                        await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
                    }
                },
                undefined,
                context.subscriptions,
            );
            return compliance;
        }),
    );
}
