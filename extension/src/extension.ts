import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerGraph } from './graph.js';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerNewWorkflow } from './new-workflow.js';
import { RULE_PAGE_COMMAND, registerRulePages } from './rule-pages.js';
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
        // The server checks and completes the workspace's YAML files too, from their schemas.
        documentSelector: [{ language: 'hitl' }, { pattern: '**/hitl.config.yaml' }, { pattern: '**/*.scenario.yaml' }],
        outputChannel: output,
        synchronize: { fileEvents: watcher },
        // Rule links open the pages shipped with the extension, offline (rule-pages.ts).
        initializationOptions: { rulePageCommand: RULE_PAGE_COMMAND },
        markdown: { isTrusted: { enabledCommands: [RULE_PAGE_COMMAND] } },
    };
    client = new LanguageClient('hitl', 'hitl language server', serverOptions, clientOptions);
    registerGraph(context, client);

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
    registerRulePages(context);
    registerNewWorkflow(context);
    registerSimulation(context, client);
    registerOutputFolder(context, client);
    registerCompliance(context, client);
    await client.start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
