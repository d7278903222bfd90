import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
// @ts-expect-error: the benchmark's client is plain JavaScript
import { LspSession } from '../../bench/lsp-client.mjs';
import { NODE, REPO } from '../cli/cli.js';

// The real bundled language server over stdio, on workspaces whose hitl.config.yaml is hostile:
// it starts, publishes config/invalid on the config file, checks the .hitl files with the
// defaults, and logs no error.

const SERVER = path.join(REPO, 'extension', 'dist', 'server.cjs');
const BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
const WORKFLOW = 'workflow W {\n    outcome Done {\n        result "done"\n    }\n}\n';

interface Diagnostic {
    readonly code: string;
    readonly message: string;
    readonly range: { start: { line: number; character: number } };
}

interface Session {
    initialize(): Promise<unknown>;
    open(uri: string, text: string): Promise<void>;
    nextDiagnostics(uri: string): Promise<Diagnostic[]>;
    diagnostics: Map<string, Diagnostic[]>;
    serverErrors: string[];
    stderr: string;
    connection: { sendNotification(method: string, params: unknown): Promise<void>; sendRequest(method: string, params: unknown): Promise<unknown>; dispose(): void };
    child: { kill(): void };
}

let work: string;
const sessions: Session[] = [];

beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'hitl-server-config-'));
});

afterEach(() => {
    for (const session of sessions.splice(0)) {
        session.connection.dispose();
        session.child.kill();
    }
});

afterAll(() => {
    rmSync(work, { recursive: true, force: true });
});

function folder(name: string): string {
    const dir = path.join(work, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'w.hitl'), WORKFLOW);
    return dir;
}

const uriOf = (file: string) => pathToFileURL(file).href;

/** Starts the server on `root`, opens w.hitl, and waits for the first diagnostics of the config file and of w.hitl. */
async function start(root: string): Promise<{ session: Session; config: Diagnostic[]; workflow: Diagnostic[] }> {
    const session = new LspSession({ node: NODE, server: SERVER, root }) as Session;
    sessions.push(session);
    const config = session.nextDiagnostics(uriOf(path.join(root, 'hitl.config.yaml')));
    const workflow = session.nextDiagnostics(uriOf(path.join(root, 'w.hitl')));
    await session.initialize();
    await session.open(uriOf(path.join(root, 'w.hitl')), WORKFLOW);
    return { session, config: await config, workflow: await workflow };
}

describe('a hostile hitl.config.yaml in the language server', () => {
    test('an alias bomb: the server starts, config/invalid on the alias, the workflow checked with the defaults', async () => {
        const root = folder('bomb');
        writeFileSync(path.join(root, 'hitl.config.yaml'), BOMB);
        const { session, config, workflow } = await start(root);
        // Each alias is reported where it stands (none is expanded), then the unknown settings a–d.
        expect(config[0]).toEqual(expect.objectContaining({ code: 'config/invalid', range: expect.objectContaining({ start: { line: 1, character: 7 } }), message: expect.stringContaining('aliases (*a)') }));
        expect(new Set(config.map((d) => d.code))).toEqual(new Set(['config/invalid']));
        expect(workflow.some((d) => d.code === 'change/version-and-approver')).toBe(true);
        expect(session.serverErrors).toEqual([]);
    });

    test('a FIFO: no hang, config/invalid at 1:1', async () => {
        const root = folder('fifo');
        spawnSync('mkfifo', [path.join(root, 'hitl.config.yaml')]);
        const { session, config, workflow } = await start(root);
        expect(config).toEqual([expect.objectContaining({ code: 'config/invalid', message: expect.stringContaining('not a regular file') })]);
        expect(workflow.length).toBeGreaterThan(0);
        expect(session.serverErrors).toEqual([]);
    });

    test('a link to /dev/zero: refused without reading, config/invalid', async () => {
        const root = folder('dev-zero');
        symlinkSync('/dev/zero', path.join(root, 'hitl.config.yaml'));
        const { config } = await start(root);
        expect(config).toEqual([expect.objectContaining({ code: 'config/invalid', message: expect.stringContaining('outside the workspace') })]);
    });

    test('a bomb written after start-up: config/invalid, no unhandled rejection; fixing it clears the diagnostic and applies the settings', async () => {
        const root = folder('later');
        const configFile = path.join(root, 'hitl.config.yaml');
        writeFileSync(configFile, 'profile: default\n');
        const { session, config } = await start(root);
        expect(config).toEqual([]);

        writeFileSync(configFile, BOMB);
        const broken = session.nextDiagnostics(uriOf(configFile));
        await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(configFile), type: 2 }] });
        expect(new Set((await broken).map((d) => d.code))).toEqual(new Set(['config/invalid']));

        writeFileSync(configFile, 'rules:\n  change/version-and-approver: off\n');
        const fixed = session.nextDiagnostics(uriOf(configFile));
        const rechecked = waitFor(session, uriOf(path.join(root, 'w.hitl')), (diagnostics) => !diagnostics.some((d) => d.code === 'change/version-and-approver'));
        await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(configFile), type: 2 }] });
        expect(await fixed).toEqual([]);
        await rechecked;
        expect(session.serverErrors).toEqual([]);
        expect(session.stderr).not.toMatch(/unhandled|uncaught/i);
    });

    test('ignore patterns keep files out of the editor workspace', async () => {
        const root = folder('ignore');
        mkdirSync(path.join(root, 'fixtures'));
        // Declares what w.hitl references: if the ignored file were loaded, the reference would resolve.
        writeFileSync(path.join(root, 'fixtures', 'roles.hitl'), 'role Approver {\n    authority 1\n}\n');
        writeFileSync(path.join(root, 'hitl.config.yaml'), 'ignore:\n  - fixtures/**\n');
        expect(await codesOfOwnerApprover(root)).toContain('reference/unresolved');
    });
});

describe('a workspace folder inside a repository whose configuration ignores it', () => {
    test('is a workspace of its own: its files are loaded and resolve each other', async () => {
        const repository = path.join(work, 'repository');
        mkdirSync(path.join(repository, 'fixtures', 'case'), { recursive: true });
        writeFileSync(path.join(repository, 'hitl.config.yaml'), 'ignore:\n  - fixtures/**\n');
        const root = path.join(repository, 'fixtures', 'case');
        writeFileSync(path.join(root, 'roles.hitl'), 'role Approver {\n    authority 1\n}\n');
        expect(await codesOfOwnerApprover(root)).not.toContain('reference/unresolved');
    });
});

/** Opens a workflow owned by role Approver (declared in another file, or not) in a server on `root`: the codes published for it. */
async function codesOfOwnerApprover(root: string): Promise<string[]> {
    const session = new LspSession({ node: NODE, server: SERVER, root }) as Session;
    sessions.push(session);
    await session.initialize();
    const uri = uriOf(path.join(root, 'w.hitl'));
    const published = session.nextDiagnostics(uri);
    await session.open(uri, 'workflow W {\n    owner Approver\n}\n');
    return (await published).map((d) => d.code);
}

/** Resolves with the first diagnostics for `uri`, now or later, that satisfy `done`. */
function waitFor(session: Session, uri: string, done: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return new Promise((resolve) => {
        const next = (): Promise<void> => session.nextDiagnostics(uri).then((diagnostics): void | Promise<void> => (done(diagnostics) ? resolve(diagnostics) : next()));
        next();
    });
}
