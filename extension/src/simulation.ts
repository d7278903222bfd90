import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { showRequestError } from './request-errors.js';
import { targetOf, webviewOptions, webviewPage } from './webview-page.js';

// "hitl: Simulate workflow": the server runs the simulator (`hitl/simulate`) under a cancellable
// progress notification; the results open in a webview with the figures and charts of the HTML
// report. From the view: a staffing sweep, and a case's trace replayed on the graph view.

interface SimulateParams {
    readonly uri: string;
    readonly workflow: string;
    readonly scenario?: string;
    readonly seed?: number;
    readonly replications?: number;
    readonly cases?: number;
    readonly sweep?: { readonly party: string; readonly from: number; readonly to: number };
    readonly workDoneToken?: string;
}

/** What the server answers: the report of `hitl simulate --format json`, and the parties a sweep may vary. */
export interface SimulateResult {
    readonly report: { readonly workflows: ReadonlyArray<{ readonly workflow: string; readonly seed: number }> };
    readonly parties: readonly string[];
}

interface TraceResult {
    readonly steps: readonly string[];
}

/** A message from the view. */
type ViewMessage = { readonly type: 'ready' } | { readonly type: 'sweep'; readonly party: string; readonly from: number; readonly to: number } | { readonly type: 'replay'; readonly case: number };

let tokens = 0;

export function registerSimulation(context: vscode.ExtensionContext, client: LanguageClient): void {
    const panels = new Map<string, vscode.WebviewPanel>();
    /** The latest result each view shows: its seed is the one a replayed case is traced with. */
    const shown = new WeakMap<vscode.WebviewPanel, SimulateResult>();

    /** Runs `hitl/simulate` under a progress notification; undefined when cancelled or refused (the user is told). */
    const run = async (params: Omit<SimulateParams, 'workDoneToken' | 'scenario'>, title: string): Promise<SimulateResult | undefined> =>
         vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, cancel) => {
            const workDoneToken = `hitl-simulate-${++tokens}`;
            let reported = 0;
            const listening = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
                if (value.kind === 'end') return;
                const percentage = value.percentage ?? reported;
                progress.report({ message: value.message, increment: Math.max(0, percentage - reported) });
                reported = Math.max(reported, percentage);
            });
            try {
                return await client.sendRequest<SimulateResult>('hitl/simulate', { ...params, ...scenarioParam(), workDoneToken } satisfies SimulateParams, cancel);
            } catch (error) {
                if (!cancel.isCancellationRequested) await showRequestError(error, 'simulate');
                return undefined;
            } finally {
                listening.dispose();
            }
        });

    const show = (uri: string, workflow: string, result: SimulateResult): vscode.WebviewPanel => {
        const key = `${uri}#${workflow}`;
        let panel = panels.get(key);
        if (!panel) {
            panel = vscode.window.createWebviewPanel('hitl.simulation', `Simulation: ${workflow}`, vscode.ViewColumn.Beside, webviewOptions(context));
            panel.webview.html = webviewPage(context, panel.webview, 'simulation', `Simulation: ${workflow}`);
            panels.set(key, panel);
            const opened = panel;
            opened.onDidDispose(() => panels.delete(key), undefined, context.subscriptions);
            opened.webview.onDidReceiveMessage((message: ViewMessage) => void answer(uri, workflow, opened, message), undefined, context.subscriptions);
            // The first result goes when the view's script says it is ready.
        } else {
            panel.reveal(undefined, true);
            void panel.webview.postMessage({ type: 'result', workflow, result });
        }
        shown.set(panel, result);
        return panel;
    };

    const answer = async (uri: string, workflow: string, panel: vscode.WebviewPanel, message: ViewMessage) => {
        if (message.type === 'ready') {
            const result = shown.get(panel);
            if (result) void panel.webview.postMessage({ type: 'result', workflow, result });
        } else if (message.type === 'sweep') {
            const result = await run({ uri, workflow, sweep: { party: message.party, from: message.from, to: message.to } }, `Sweeping the staffing of ${message.party} in ${workflow}`);
            if (result) show(uri, workflow, result);
            else void panel.webview.postMessage({ type: 'idle' });
        } else if (message.type === 'replay') {
            const seed = shown.get(panel)?.report.workflows[0]?.seed;
            try {
                const trace = await client.sendRequest<TraceResult>('hitl/trace', { uri, workflow, case: message.case, ...(seed !== undefined ? { seed } : {}), ...scenarioParam() });
                await vscode.commands.executeCommand('hitl.showGraph', uri, workflow, { steps: trace.steps, label: `Simulated case ${message.case}`, stepwise: true });
            } catch (error) {
                await showRequestError(error, 'trace');
            }
        }
    };

    context.subscriptions.push(
        // A caller (a test, another extension) may size the run: { cases, replications, seed }.
        vscode.commands.registerCommand('hitl.simulate', async (uriArgument?: unknown, workflowArgument?: unknown, size?: Pick<SimulateParams, 'cases' | 'replications' | 'seed'>): Promise<SimulateResult | undefined> => {
            const target = targetOf(uriArgument, workflowArgument);
            if (!target?.workflow) {
                void vscode.window.showWarningMessage('hitl: open a .hitl file with a workflow to simulate it.');
                return undefined;
            }
            const { cases, replications, seed } = size ?? {};
            const result = await run({ uri: target.uri, workflow: target.workflow, ...(cases !== undefined ? { cases } : {}), ...(replications !== undefined ? { replications } : {}), ...(seed !== undefined ? { seed } : {}) }, `Simulating ${target.workflow}`);
            if (result) show(target.uri, target.workflow, result);
            return result;
        }),
    );
}

/** The setting `hitl.simulation.scenario` (relative to the workspace root); empty: the server finds the scenario as the CLI does. */
function scenarioParam(): { scenario?: string } {
    const scenario = vscode.workspace.getConfiguration('hitl').get<string>('simulation.scenario', '').trim();
    return scenario ? { scenario } : {};
}
