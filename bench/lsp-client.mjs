// A minimal LSP client for the benchmark: spawns the real bundled server over stdio and
// speaks JSON-RPC to it through vscode-jsonrpc (a dependency of Langium's language server).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node';

const CLOCK_TICKS = 100; // USER_HZ on Linux

export class LspSession {
    /** @param {{ node: string, server: string, root: string, nodeArgs?: string[] }} options */
    constructor({ node, server, root, nodeArgs = [] }) {
        this.root = root;
        this.child = spawn(node, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.stderr = '';
        this.child.stderr.on('data', (chunk) => {
            this.stderr += chunk;
        });
        this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
        this.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(this.child.stdout), new rpc.StreamMessageWriter(this.child.stdin));
        /** uri → diagnostics of the latest publish */
        this.diagnostics = new Map();
        /** uri → resolvers waiting for the next publish */
        this.waiting = new Map();
        /** resolvers called on every publish */
        this.listeners = new Set();
        this.serverErrors = [];
        this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
            this.diagnostics.set(params.uri, params.diagnostics);
            const waiters = this.waiting.get(params.uri);
            if (waiters) {
                this.waiting.delete(params.uri);
                for (const resolve of waiters) resolve(params.diagnostics);
            }
            for (const listener of this.listeners) listener(params);
        });
        this.connection.onNotification('window/logMessage', (params) => {
            // type 1 = error: the server's uncaught-exception handler logs here.
            if (params.type === 1) this.serverErrors.push(params.message);
        });
        // Answer whatever the server asks (configuration, capability registration) with null.
        this.connection.onRequest((method, params) => (method === 'workspace/configuration' ? (params.items ?? []).map(() => null) : null));
        this.connection.listen();
    }

    get pid() {
        return this.child.pid;
    }

    async initialize() {
        const rootUri = pathToFileURL(this.root).href;
        const result = await this.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'bench' }],
            capabilities: {
                textDocument: {
                    synchronization: { didSave: false, dynamicRegistration: false },
                    completion: { completionItem: { snippetSupport: true } },
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    publishDiagnostics: { relatedInformation: true },
                },
                workspace: { workspaceFolders: true },
            },
        });
        await this.connection.sendNotification('initialized', {});
        return result;
    }

    /** Resolves with the next diagnostics published for `uri`. Register before sending the change. */
    nextDiagnostics(uri) {
        return new Promise((resolve) => {
            const list = this.waiting.get(uri) ?? [];
            list.push(resolve);
            this.waiting.set(uri, list);
        });
    }

    /** Resolves once diagnostics have been published for every one of `uris` (since this call). */
    diagnosticsForAll(uris) {
        const pending = new Set(uris);
        return new Promise((resolve) => {
            const listener = (params) => {
                pending.delete(params.uri);
                if (pending.size === 0) {
                    this.listeners.delete(listener);
                    resolve();
                }
            };
            this.listeners.add(listener);
        });
    }

    open(uri, text) {
        return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'hitl', version: 1, text } });
    }

    change(uri, version, contentChanges) {
        return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    }

    completion(uri, position) {
        return this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
    }

    hover(uri, position) {
        return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    }

    /** Peak and current resident set of the server process, in MB (Linux only). */
    memory() {
        try {
            const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
            const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
            return { peakMb: kb('VmHWM') / 1024, currentMb: kb('VmRSS') / 1024 };
        } catch {
            return { peakMb: undefined, currentMb: undefined };
        }
    }

    /** CPU time (user + system) the server has used so far, in ms (Linux only; 10 ms resolution). */
    cpuMs() {
        try {
            const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
            const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
            // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), counted after the command name.
            return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
        } catch {
            return undefined;
        }
    }

    async close() {
        try {
            await withTimeout(this.connection.sendRequest('shutdown'), 5_000, 'shutdown');
            await this.connection.sendNotification('exit');
        } catch {
            // fall through to the kill below
        }
        const exited = await Promise.race([this.exited, delay(5_000).then(() => undefined)]);
        if (!exited) this.child.kill('SIGKILL');
        this.connection.dispose();
    }
}

export function delay(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

export function withTimeout(promise, ms, what) {
    let timer;
    return Promise.race([
        promise.finally(() => clearTimeout(timer)),
        new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
        }),
    ]);
}
