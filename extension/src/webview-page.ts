import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

// The page around a webview's script: a strict content security policy with a fresh nonce per
// load, the script and nothing else from the extension's dist/, no network.

/** Webview options: scripts on, resources only from dist/. */
export function webviewOptions(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')] };
}

/** What a page holds besides its script: a stylesheet of dist/webview/ and the body's markup. */
export interface PageParts {
    readonly style?: string;
    readonly body?: string;
}

/** The HTML of a webview whose content is drawn by `dist/webview/<script>.js`. */
export function webviewPage(context: Pick<vscode.ExtensionContext, 'extensionUri'>, webview: vscode.Webview, script: string, title: string, parts: PageParts = {}): string {
    const nonce = randomBytes(16).toString('base64');
    const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview', file)).toString();
    const source = asset(`${script}.js`);
    const policy = [`default-src 'none'`, `img-src ${webview.cspSource} data:`, `style-src ${webview.cspSource} 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `font-src ${webview.cspSource}`].join('; ');
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${parts.style ? `<link rel="stylesheet" href="${asset(parts.style)}" nonce="${nonce}">\n` : ''}<title>${escapeHtml(title)}</title>
</head>
<body>
${parts.body ?? '<main id="root" aria-busy="true"></main>'}
<script nonce="${nonce}" src="${source}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The workflow a command is about: its arguments (a code lens gives them), else the first workflow of the active .hitl editor. */
export function targetOf(uri: unknown, workflow: unknown): { uri: string; workflow?: string } | undefined {
    if (typeof uri === 'string') return { uri, ...(typeof workflow === 'string' ? { workflow } : {}) };
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'hitl') return undefined;
    const name = /^\s*workflow\s+([A-Za-z_][\w-]*)/m.exec(editor.document.getText())?.[1];
    return { uri: editor.document.uri.toString(), ...(name ? { workflow: name } : {}) };
}
