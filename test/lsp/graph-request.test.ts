import { PassThrough } from 'node:stream';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createHitlServices } from '../../language/lsp/lsp-module.js';
import type { GraphResult } from '../../language/lsp/requests/graph.js';

// hitl/graph, asked of the language server in-process over JSON-RPC, as the graph view asks it.
let client: MessageConnection;
const uri = 'file:///ws/w.hitl';
let version = 1;

const WORKFLOW = `role Agent { authority 1 }
workflow Refunds {
    automated step Prepare {
        then Review
    }
    gate Review {
        reviewer Agent
        allows approve, reject
        sla 8h
        on approve -> Paid
        on reject -> Paid
        on timeout deny
    }
    outcome Paid
}
`;

/** The step declarations in a text, counted from the text itself. */
const stepsIn = (text: string) => text.match(/^\s*(automated step|ai step|gate|queue|decision|effect|outcome)\s+\w+/gm)?.length ?? 0;

const graph = (params: { uri: string; workflow?: string }) => client.sendRequest<GraphResult>('hitl/graph', params);

async function open(text: string) {
    version = 1;
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'hitl', version, text } });
}

async function change(text: string) {
    await client.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
}

beforeEach(async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    const { shared } = createHitlServices({ now: () => new Date(Date.UTC(2026, 11, 1)), connection, ...EmptyFileSystem });
    startLanguageServer(shared);
    client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.listen();
    await client.sendRequest<InitializeResult>('initialize', { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
    await client.sendNotification('initialized', {});
});

afterEach(() => {
    client.dispose();
});

describe('hitl/graph', () => {
    test('draws the file’s workflow, a node per step, for the version the editor has', async () => {
        await open(WORKFLOW);
        const result = await graph({ uri });
        expect(result).toMatchObject({ workflows: ['Refunds'], workflow: 'Refunds', stale: false, version: 1 });
        expect(result.graph!.nodes).toHaveLength(stepsIn(WORKFLOW));
        // The timeout denies: it follows the reject route.
        expect(result.graph!.edges.map((edge) => `${edge.from}->${edge.to}:${edge.kind}`)).toEqual(['Prepare->Review:flow', 'Review->Paid:action', 'Review->Paid:action', 'Review->Paid:timeout']);
        expect(result.graph!.nodes.find((node) => node.id === 'Review')!.source).toMatchObject({ file: uri, line: 6 });
    });

    test('follows an edit that adds a step', async () => {
        await open(WORKFLOW);
        await graph({ uri });
        const edited = WORKFLOW.replace('outcome Paid', 'effect Pay {\n        then Paid\n    }\n    outcome Paid').replace(/-> Paid/g, '-> Pay');
        await change(edited);
        const result = await graph({ uri, workflow: 'Refunds' });
        expect(result.version).toBe(2);
        expect(result.graph!.nodes).toHaveLength(stepsIn(WORKFLOW) + 1);
        expect(result.graph!.nodes.map((node) => node.id)).toContain('Pay');
    });

    test('keeps the last graph that parsed while the file does not, and says so', async () => {
        await open(WORKFLOW);
        const good = await graph({ uri });
        await change(WORKFLOW.replace('then Review', 'then Review {{'));
        const broken = await graph({ uri, workflow: 'Refunds' });
        expect(broken).toMatchObject({ stale: true, version: 2, workflow: 'Refunds' });
        expect(broken.message).toContain('last version that parsed');
        expect(broken.graph).toEqual(good.graph);
        await change(WORKFLOW);
        expect(await graph({ uri, workflow: 'Refunds' })).toMatchObject({ stale: false, version: 3 });
    });

    test('a file that never parsed has no graph yet, and no crash', async () => {
        await open('workflow Refunds {\n    gate {{\n');
        const result = await graph({ uri });
        expect(result).toMatchObject({ stale: true, workflows: [] });
        expect(result.graph).toBeUndefined();
    });

    test('a file with several workflows names them in the order written, and draws the one asked for', async () => {
        const text = `${WORKFLOW}workflow Appeals {\n    automated step Log {\n        then Closed\n    }\n    outcome Closed\n}\n`;
        await open(text);
        const choose = await graph({ uri });
        expect(choose).toMatchObject({ workflows: ['Refunds', 'Appeals'], stale: false });
        expect(choose.graph).toBeUndefined();
        const appeals = await graph({ uri, workflow: 'Appeals' });
        expect(appeals.graph!.nodes.map((node) => node.id)).toEqual(['Log', 'Closed']);
    });

    test('carries the findings: a badge on the step, the path of a path finding', async () => {
        const fixture = readFileSync(path.resolve(import.meta.dirname, '../fixtures/rules/oversight/gate-bypass/timeout-approves.hitl'), 'utf8');
        await open(fixture);
        const result = await graph({ uri });
        const review = result.graph!.nodes.find((node) => node.id === 'Review')!;
        expect(review.findings.codes).toContain('oversight/gate-bypass');
        const bypass = result.graph!.pathFindings.find((finding) => finding.code === 'oversight/gate-bypass');
        expect(bypass?.steps).toEqual(['Score', 'Review', 'LimitDecision']);
    });

    test('draws a shared escalation chain declared in another file, level by level', async () => {
        const shared = 'role Agent { authority 1 }\nrole Lead { authority 2 }\nrole Head { authority 3 }\nescalation Shared {\n    to Lead within 1d\n    to Head within 2d\n    on timeout deny\n}\n';
        await client.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///ws/shared.hitl', languageId: 'hitl', version: 1, text: shared } });
        await open(WORKFLOW.replace('on timeout deny', 'on timeout escalate to Shared').replace('role Agent { authority 1 }\n', ''));
        const result = await graph({ uri });
        const levels = result.graph!.nodes.filter((node) => node.kind === 'escalation-level');
        expect(levels.map((node) => node.label)).toEqual(['Lead', 'Head']);
        const edges = result.graph!.edges.map((edge) => `${edge.from}->${edge.to}:${edge.kind}`);
        expect(edges).toContain(`Review->${levels[0].id}:timeout`);
        expect(edges).toContain(`${levels[0].id}->${levels[1].id}:escalation`);
    });

    test('a file the server does not know is refused with a message', async () => {
        await expect(graph({ uri: 'file:///ws/missing.hitl' })).rejects.toMatchObject({ message: expect.stringContaining('not a .hitl file of the workspace') });
    });
});
