import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { startLanguageServer } from 'langium/lsp';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { WorkDoneProgress, type CodeLens, type InitializeResult } from 'vscode-languageserver-protocol';
import { createConnection } from 'vscode-languageserver/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../cli/main.js';
import { BoundedNodeFileSystemProvider } from '../../cli/node-file-system.js';
import { writeFolderAtomically } from '../../cli/output-folder.js';
import { REQUIREMENTS } from '../../language/governance/requirements.js';
import { createHitlServices, HITL_SERVICE_REQUIREMENTS } from '../../language/lsp/lsp-module.js';
import type { OutputFolderResult } from '../../language/lsp/requests/output-folder.js';
import type { SimulateResult, TraceResult } from '../../language/lsp/requests/simulation.js';
import type { WorkflowCompliance } from '../../language/report/workflow-compliance.js';

// The server's custom requests over the samples, answered in-process over JSON-RPC as the
// extension asks them, against what the CLI writes and prints for the same workspace. The first
// request of a server waits for its workspace to be built: slow on a loaded machine, hence the timeouts.

const SAMPLES = path.resolve(import.meta.dirname, '../../samples');
const WORKFLOW = 'CreditLimitIncrease';
const SAMPLE = 'credit-limit-increase.hitl';

interface Server {
    readonly client: MessageConnection;
    readonly dir: string;
    readonly uri: (name: string) => string;
    close(): void;
}

/** A copy of the samples in a folder of its own (its own workspace root, as for the CLI) and a server started on it. */
async function serverOn(edit?: (dir: string) => void): Promise<Server> {
    const base = mkdtempSync(path.join(tmpdir(), 'hitl-requests-'));
    const dir = path.join(base, 'workspace');
    cpSync(SAMPLES, dir, { recursive: true });
    edit?.(dir);
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    const { shared } = createHitlServices({ now: () => new Date(), connection, fileSystemProvider: () => new BoundedNodeFileSystemProvider() });
    startLanguageServer(shared, HITL_SERVICE_REQUIREMENTS);
    const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.onRequest('workspace/configuration', (params: { items?: unknown[] }) => (params.items ?? []).map(() => null));
    client.onRequest('client/registerCapability', () => null);
    client.listen();
    const rootUri = pathToFileURL(dir).href;
    await client.sendRequest<InitializeResult>('initialize', { processId: null, rootUri, capabilities: { window: { workDoneProgress: true } }, workspaceFolders: [{ uri: rootUri, name: 'workspace' }] });
    await client.sendNotification('initialized', {});
    return {
        client,
        dir,
        uri: (name) => pathToFileURL(path.join(dir, name)).href,
        close: () => {
            client.dispose();
            connection.dispose();
            rmSync(base, { recursive: true, force: true });
        },
    };
}

/** `hitl …` run in-process in `cwd`: exit code and stdout. */
async function cli(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
        stdout: (text) => void (stdout += text),
        stderr: (text) => void (stderr += text),
        writeFile: async (file, text) => writeFileSync(file, text),
        writeFolder: (folder, files) => writeFolderAtomically(folder, files, { pid: process.pid, isAlive: () => true }),
        cwd,
        colour: false,
    });
    return { code, stdout, stderr };
}

describe('over the samples', { timeout: 120_000 }, () => {
    let server: Server;
    beforeAll(async () => {
        server = await serverOn();
    });
    afterAll(() => server.close());

    test('hitl/simulate answers the report `hitl simulate --format json` prints for the same seed, with the scenario next to the workflow', async () => {
        const params = { uri: server.uri(SAMPLE), workflow: WORKFLOW, seed: 7, replications: 3, cases: 150 };
        const result = await server.client.sendRequest<SimulateResult>('hitl/simulate', params);
        const printed = await cli(server.dir, ['simulate', SAMPLE, '--workflow', WORKFLOW, '--format', 'json', '--seed', '7', '-r', '3', '-n', '150', '-j', '1']);
        expect(printed.code, printed.stderr).toBe(0);
        expect(result.report).toEqual(JSON.parse(printed.stdout));
        expect(result.report.workflows[0].scenario).toBe('credit-limit-increase.scenario.yaml');
        expect(result.parties.length).toBeGreaterThan(0);
    });

    test('a sweep from the view is the sweep of `hitl simulate --sweep`', async () => {
        const printed = await cli(server.dir, ['simulate', SAMPLE, '--workflow', WORKFLOW, '--format', 'json', '--seed', '2', '-r', '2', '-n', '100', '-j', '1', '--sweep', 'Underwriter=1..3']);
        expect(printed.code, printed.stderr).toBe(0);
        const result = await server.client.sendRequest<SimulateResult>('hitl/simulate', { uri: server.uri(SAMPLE), workflow: WORKFLOW, seed: 2, replications: 2, cases: 100, sweep: { party: 'Underwriter', from: 1, to: 3 } });
        expect(result.report.workflows[0].sweep?.rows.map((row) => row.staff)).toEqual([1, 2, 3]);
        expect(result.report).toEqual(JSON.parse(printed.stdout));
    });

    test('hitl/trace gives the steps of the case `hitl simulate --trace` prints', async () => {
        const printed = await cli(server.dir, ['simulate', SAMPLE, '--workflow', WORKFLOW, '--format', 'json', '--seed', '4', '-n', '50', '--trace', '3']);
        expect(printed.code, printed.stderr).toBe(0);
        const { trace } = JSON.parse(printed.stdout) as { trace: Array<{ step: string }> };
        const result = await server.client.sendRequest<TraceResult>('hitl/trace', { uri: server.uri(SAMPLE), workflow: WORKFLOW, case: 3, seed: 4, cases: 50 });
        expect(result.trace).toEqual(trace);
        expect(result.steps[0]).toBe(trace[0].step);
        expect(result.steps.at(-1)).toBe(trace.at(-1)!.step);
        expect(new Set(result.steps)).toEqual(new Set(trace.map((entry) => entry.step)));
    });

    test('a cancelled simulation stops between replications', async () => {
        const source = new CancellationTokenSource();
        const workDoneToken = 'cancel-me';
        const reports: string[] = [];
        server.client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
            if (value.kind !== 'report' || !value.message) return;
            reports.push(value.message);
            if (reports.length === 2) source.cancel();
        });
        const replications = 40;
        const answer = server.client.sendRequest('hitl/simulate', { uri: server.uri(SAMPLE), workflow: WORKFLOW, replications, cases: 300, workDoneToken }, source.token);
        await expect(answer).rejects.toMatchObject({ code: -32800 });
        // Every report is one replication finished; a run to the end would report all of them.
        expect(reports.length).toBeGreaterThanOrEqual(2);
        expect(reports.length).toBeLessThan(replications);
        expect(reports.every((message) => message.startsWith('replication '))).toBe(true);
    });

    test('hitl/compile returns the files `hitl compile` writes, manifest included, byte for byte', async () => {
        const result = await server.client.sendRequest<OutputFolderResult>('hitl/compile', {});
        const out = path.join(path.dirname(server.dir), 'deploy');
        const written = await cli(server.dir, ['compile', '.', '--out', out]);
        expect(written.code, written.stderr).toBe(0);
        const files = readdirSync(out).sort();
        expect(result.files.map((file) => file.path).sort()).toEqual(files);
        for (const file of result.files) expect(file.content, file.path).toBe(readFileSync(path.join(out, file.path), 'utf8'));
        expect(result.files.at(-1)?.path).toBe('manifest.json');
        expect(result.workflows).toBe(6);
    });

    test('hitl/export returns the files `hitl export` writes for each target', async () => {
        for (const target of ['bpmn', 'asl', 'mermaid']) {
            const result = await server.client.sendRequest<OutputFolderResult>('hitl/export', { target });
            const out = path.join(path.dirname(server.dir), target);
            const written = await cli(server.dir, ['export', '--target', target, '.', '--out', out]);
            expect(written.code, written.stderr).toBe(0);
            expect(Object.fromEntries(result.files.map((file) => [file.path, file.content]))).toEqual(Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(path.join(out, name), 'utf8')])));
        }
        await expect(server.client.sendRequest('hitl/export', { target: 'dot' })).rejects.toMatchObject({ message: expect.stringContaining("unknown export target 'dot'") });
    });

    test('hitl/compliance is the matrix of `hitl report` for the workflow, each finding with its place', async () => {
        const result = await server.client.sendRequest<WorkflowCompliance>('hitl/compliance', { uri: server.uri(SAMPLE), workflow: WORKFLOW });
        const printed = await cli(server.dir, ['report', '.', '--format', 'json']);
        const report = JSON.parse(printed.stdout) as { workflows: Array<{ workflow: string; requirements: Array<{ id: string; status: string; findings: Array<{ code: string; line: number }> }> }> };
        const expected = report.workflows.find((workflow) => workflow.workflow === WORKFLOW)!;
        expect(result.requirements).toHaveLength(REQUIREMENTS.length);
        expect(result.requirements.map((row) => [row.id, row.status])).toEqual(expected.requirements.map((row) => [row.id, row.status]));
        expect(result.requirements.flatMap((row) => row.findings.map((finding) => `${finding.code}:${finding.range.start.line + 1}`))).toEqual(expected.requirements.flatMap((row) => row.findings.map((finding) => `${finding.code}:${finding.line}`)));
        expect(result.met).toBe(expected.requirements.filter((row) => row.status === 'met' || row.status === 'not-applicable').length);
    });

    test('a code lens above each workflow: Graph · Simulate · Compile · N/40 requirements met', async () => {
        const uri = server.uri(SAMPLE);
        const text = readFileSync(path.join(server.dir, SAMPLE), 'utf8');
        await server.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'hitl', version: 1, text } });
        const lenses = await server.client.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
        const compliance = await server.client.sendRequest<WorkflowCompliance>('hitl/compliance', { uri, workflow: WORKFLOW });
        const workflowLine = text.split('\n').findIndex((line) => line.startsWith(`workflow ${WORKFLOW}`));
        expect(lenses.map((lens) => [lens.range.start.line, lens.command?.title, lens.command?.command])).toEqual([
            [workflowLine, 'Graph', 'hitl.showGraph'],
            [workflowLine, 'Simulate', 'hitl.simulate'],
            [workflowLine, 'Compile', 'hitl.compile'],
            [workflowLine, `${compliance.met}/40 requirements met`, 'hitl.showCompliance'],
        ]);
        expect(lenses.every((lens) => JSON.stringify(lens.command?.arguments) === JSON.stringify([uri, WORKFLOW]))).toBe(true);
    });

    test("every sample workflow's lens counts what its compliance view counts, though the lens reads only the file and what it refers to", async () => {
        const files = readdirSync(server.dir).filter((name) => name.endsWith('.hitl'));
        let workflows = 0;
        for (const name of files) {
            const uri = server.uri(name);
            await server.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'hitl', version: 1, text: readFileSync(path.join(server.dir, name), 'utf8') } });
            const lenses = await server.client.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
            for (const lens of lenses.filter((each) => each.command?.command === 'hitl.showCompliance')) {
                const workflow = lens.command!.arguments![1] as string;
                const compliance = await server.client.sendRequest<WorkflowCompliance>('hitl/compliance', { uri, workflow });
                expect(lens.command?.title, `${name} ${workflow}`).toBe(`${compliance.met}/${compliance.total} requirements met`);
                workflows++;
            }
        }
        expect(workflows).toBe(6);
    });
});

describe('a workspace with errors', { timeout: 120_000 }, () => {
    let server: Server;
    beforeAll(async () => {
        // An unknown reviewer: a reference error in one sample.
        server = await serverOn((dir) => {
            const file = path.join(dir, SAMPLE);
            writeFileSync(file, readFileSync(file, 'utf8').replace(/reviewer\s+(\w+)/, 'reviewer NoSuchRole'));
        });
    });
    afterAll(() => server.close());

    test('compile, export and simulate are refused with the count of errors; the compliance matrix is still answered', async () => {
        for (const [method, params] of [
            ['hitl/compile', {}],
            ['hitl/export', { target: 'bpmn' }],
            ['hitl/simulate', { uri: server.uri(SAMPLE), workflow: WORKFLOW, replications: 1, cases: 10 }],
        ] as const) {
            await expect(server.client.sendRequest(method, params), method).rejects.toMatchObject({ code: -32001, message: expect.stringMatching(/refused: the workspace has \d+ errors?$/), data: { errors: expect.any(Number) } });
        }
        const compliance = await server.client.sendRequest<WorkflowCompliance>('hitl/compliance', { uri: server.uri(SAMPLE), workflow: WORKFLOW });
        expect(compliance.requirements).toHaveLength(40);
    });
});

describe('a scenario with problems', { timeout: 120_000 }, () => {
    let server: Server;
    beforeAll(async () => {
        server = await serverOn((dir) => writeFileSync(path.join(dir, 'credit-limit-increase.scenario.yaml'), 'cases: many\n'));
    });
    afterAll(() => server.close());

    test('comes back as a message naming file:line:column, as the CLI says it', async () => {
        const printed = await cli(server.dir, ['simulate', SAMPLE, '--workflow', WORKFLOW, '-r', '1']);
        expect(printed.code).toBe(2);
        const error = await server.client.sendRequest('hitl/simulate', { uri: server.uri(SAMPLE), workflow: WORKFLOW, replications: 1 }).then(
            () => undefined,
            (rejection: { message: string }) => rejection,
        );
        expect(error?.message).toMatch(/^the scenario of CreditLimitIncrease has problems:\ncredit-limit-increase\.scenario\.yaml:1:\d+: /);
        expect(printed.stderr).toBe(`hitl: ${error?.message}\n`);
    });
});
