import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCompliance } from './compliance.js';
import { registerOutputFolder } from './output-folder.js';
import { registerSimulation } from './simulation.js';

let client: LanguageClient | undefined;

// A thin client: it starts the bundled language server and shows its state. All language
// behaviour lives in the server.
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('hitl', { log: true });
    const status = vscode.window.createStatusBarItem('hitl.server', vscode.StatusBarAlignment.Left, 0);
    status.name = 'hitl language server';
    status.command = 'hitl.showOutput';
    context.subscriptions.push(output, status);

    const serverModule = context.asAbsolutePath(path.join('dist', 'server.cjs'));
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/{*.hitl,hitl.config.yaml}');
    context.subscriptions.push(watcher);
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'hitl' }],
        outputChannel: output,
        synchronize: { fileEvents: watcher },
    };
    client = new LanguageClient('hitl', 'hitl language server', serverOptions, clientOptions);

    const show = (text: string, tooltip: string) => {
        status.text = text;
        status.tooltip = tooltip;
        status.show();
    };
    show('$(loading~spin) hitl', 'hitl language server is starting');
    context.subscriptions.push(
        client.onDidChangeState(({ newState }) => {
            if (newState === State.Running) show('$(check) hitl', 'hitl language server is running');
            else if (newState === State.Starting) show('$(loading~spin) hitl', 'hitl language server is starting');
            else show('$(error) hitl', 'hitl language server has stopped; click for its output');
        }),
        vscode.commands.registerCommand('hitl.showOutput', () => output.show()),
        vscode.commands.registerCommand('hitl.restartServer', async () => {
            await client?.restart();
        }),
    );
    registerSimulation(context, client);
    registerOutputFolder(context, client);
    registerCompliance(context, client);
    await client.start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
