import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, type InitializeResult, type ProtocolConnection, type ServerCapabilities } from 'vscode-languageserver-protocol/node';
import type { Diagnostic } from 'vscode-languageserver-types';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
export const SERVER_BUNDLE = path.join(ROOT, 'extension', 'dist', 'server.cjs');

/** A response error the server may send for a request that an edit overtook. */
export const SUPERSEDED_CODES = new Set([-32801 /* ContentModified */, -32800 /* RequestCancelled */]);

/**
 * The built language server (`extension/dist/server.cjs`) over stdio, as an editor runs it:
 * real JSON-RPC messages, every published diagnostic and every error it logs recorded.
 */
export class ServerSession {
    readonly connection: ProtocolConnection;
    /** uri → diagnostics of the latest publish */
    readonly diagnostics = new Map<string, Diagnostic[]>();
    /** Errors the server logged (its uncaught-exception handler logs here) or wrote to stderr. */
    readonly serverErrors: string[] = [];
    private readonly child: ChildProcess;
    private readonly publishWaiters = new Map<string, Array<() => void>>();
    private readonly versions = new Map<string, number>();
    capabilities: ServerCapabilities = {};

    constructor(readonly root: string) {
        if (!existsSync(SERVER_BUNDLE)) throw new Error(`${path.relative(ROOT, SERVER_BUNDLE)} is missing; run 'npm run build' first.`);
        this.child = spawn(NODE, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.child.stderr!.on('data', (chunk) => this.serverErrors.push(String(chunk)));
        this.connection = createProtocolConnection(this.child.stdout!, this.child.stdin!);
        this.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
            this.diagnostics.set(params.uri, params.diagnostics);
            const waiters = this.publishWaiters.get(params.uri) ?? [];
            this.publishWaiters.delete(params.uri);
            waiters.forEach((resolve) => resolve());
        });
        this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
            if (params.type === 1) this.serverErrors.push(params.message);
        });
        // What the server asks of the client: answer with nothing, as a plain client would.
        this.connection.onRequest('workspace/configuration', (params: { items?: unknown[] }) => (params.items ?? []).map(() => null));
        for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create']) {
            this.connection.onRequest(method, () => null);
        }
        this.connection.listen();
    }

    get pid(): number {
        return this.child.pid!;
    }

    uri(name: string): string {
        return pathToFileURL(path.join(this.root, name)).href;
    }

    async initialize(): Promise<InitializeResult> {
        const rootUri = pathToFileURL(this.root).href;
        const result = (await this.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
            capabilities: {
                textDocument: {
                    synchronization: { didSave: false, dynamicRegistration: false },
                    completion: { completionItem: { snippetSupport: true, resolveSupport: { properties: ['documentation', 'detail'] } } },
                    publishDiagnostics: { relatedInformation: true },
                    semanticTokens: { requests: { full: { delta: true }, range: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
                    rename: { prepareSupport: true },
                    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
                },
                workspace: { workspaceFolders: true },
            },
        })) as InitializeResult;
        this.capabilities = result.capabilities;
        await this.connection.sendNotification('initialized', {});
        return result;
    }

    open(name: string, text: string): Promise<void> {
        this.versions.set(name, 1);
        return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(name), languageId: 'hitl', version: 1, text } });
    }

    /** Replaces the whole text, as an editor does on a large change. */
    change(name: string, text: string): Promise<void> {
        const version = (this.versions.get(name) ?? 1) + 1;
        this.versions.set(name, version);
        return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(name), version }, contentChanges: [{ text }] });
    }

    /** Resolves at the next publish for the file; call before sending what causes it. */
    nextPublish(name: string): Promise<void> {
        return new Promise((resolve) => {
            const uri = this.uri(name);
            this.publishWaiters.set(uri, [...(this.publishWaiters.get(uri) ?? []), resolve]);
        });
    }

    /** Resolves once the file's published diagnostics satisfy `wanted` (now or at a later publish). */
    async publishedWhere(name: string, wanted: (diagnostics: readonly Diagnostic[]) => boolean): Promise<void> {
        while (!wanted(this.diagnostics.get(this.uri(name)) ?? [])) await this.nextPublish(name);
    }

    /**
     * Resolves once every file is validated: a code action request waits until its document
     * is, and the diagnostics of a document are published before that request is answered.
     */
    async settled(names: readonly string[]): Promise<void> {
        for (const name of names) {
            await this.connection.sendRequest('textDocument/codeAction', {
                textDocument: { uri: this.uri(name) },
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                context: { diagnostics: [] },
            });
        }
    }

    /** The server's resident set now, in MB (Linux). */
    rssMb(): number {
        const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
        return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
    }

    async close(): Promise<void> {
        const exited = new Promise((resolve) => this.child.once('exit', resolve));
        try {
            await this.connection.sendRequest('shutdown');
            await this.connection.sendNotification('exit');
        } catch {
            // the kill below ends it
        }
        const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
        this.connection.dispose();
    }
}
