import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { CompletionList, Diagnostic } from 'vscode-languageserver-types';
import { hitl, REPO } from '../../cli/cli.js';
import { ServerSession } from '../server-session.js';

// The built language server, over stdio, with hitl.config.yaml and a scenario file open as an
// editor has them: checked as the CLI checks them, completed from their schemas, and never
// taken for hitl.

let work: string;
const sessions: ServerSession[] = [];

beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'hitl-server-yaml-'));
});
afterEach(async () => {
    for (const session of sessions.splice(0)) await session.close();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of samples/ (workflows and scenarios) in a folder of its own, plus extra files. */
function workspace(name: string, extra: Record<string, string> = {}): string {
    const root = path.join(work, name);
    cpSync(path.join(REPO, 'samples'), root, { recursive: true });
    for (const [file, text] of Object.entries(extra)) writeFileSync(path.join(root, file), text);
    return root;
}

async function start(root: string): Promise<ServerSession> {
    const session = new ServerSession(root);
    sessions.push(session);
    await session.initialize();
    return session;
}

/** Opens a YAML file as VS Code does (language yaml) and waits for the diagnostics the server publishes on it. */
async function openYaml(session: ServerSession, name: string, text: string): Promise<Diagnostic[]> {
    const published = session.nextPublish(name);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: session.uri(name), languageId: 'yaml', version: 1, text } });
    await published;
    return session.diagnostics.get(session.uri(name))!;
}

const at = (diagnostic: Diagnostic) => `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.message}`;

describe('hitl.config.yaml in the language server', () => {
    const BROKEN = 'profile: strict\nrules:\n  flow/dead-endd: off\n  audit/retention: loud\nignored: []\n';

    test('the text being edited gets the findings `hitl check` reports for it, at the same lines and columns', async () => {
        const cliRoot = workspace('config-cli', { 'hitl.config.yaml': BROKEN });
        const cli = hitl(['check', cliRoot]);
        const expected = [...`${cli.stdout}${cli.stderr}`.matchAll(/hitl\.config\.yaml:(\d+):(\d+) error config\/invalid (.*)/g)].map((m) => `${m[1]}:${m[2]} ${m[3]}`);
        expect(expected.length).toBe(4);

        // On disk the configuration is fine; the editor holds the broken text, unsaved.
        const session = await start(workspace('config-editor', { 'hitl.config.yaml': 'profile: default\n' }));
        // (a publish of the file on disk, sent as the server started, may still be on its way)
        await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: session.uri('hitl.config.yaml'), languageId: 'yaml', version: 1, text: BROKEN } });
        await session.publishedWhere('hitl.config.yaml', (published) => published.length > 0);
        const diagnostics = session.diagnostics.get(session.uri('hitl.config.yaml'))!;
        expect(diagnostics.map(at)).toEqual(expected);
        expect(diagnostics.every((d) => d.code === 'config/invalid' && d.codeDescription?.href.endsWith('/docs/rules/config/invalid.md'))).toBe(true);

        const fixed = session.nextPublish('hitl.config.yaml');
        await session.change('hitl.config.yaml', 'profile: baseline\n');
        await fixed;
        expect(session.diagnostics.get(session.uri('hitl.config.yaml'))).toEqual([]);
    });

    test("completion offers the schema's keys and values", async () => {
        const session = await start(workspace('config-completion'));
        await openYaml(session, 'hitl.config.yaml', 'profile: \n');
        const complete = async (line: number, character: number) =>
            ((await session.connection.sendRequest('textDocument/completion', { textDocument: { uri: session.uri('hitl.config.yaml') }, position: { line, character } })) as CompletionList).items.map((item) => item.label);
        expect(await complete(0, 9)).toEqual(['default', 'eu-high-risk', 'baseline']);
        expect((await complete(1, 0)).sort()).toEqual(['ignore', 'rules']);
    });
});

describe('scenario files in the language server', () => {
    test("a scenario gets the problems `hitl simulate` reports for it, its workflow's names included", async () => {
        const scenario = (await import('node:fs')).readFileSync(path.join(REPO, 'samples', 'credit-limit-increase.scenario.yaml'), 'utf8');
        const broken = scenario.replace('warmupCases: 200', 'warmupCase: 200').replace('  UnderwriterReview:', '  UnderwriterReveiw:').replace('staff: 3', 'staff: three');
        expect(broken).not.toBe(scenario);

        const cliRoot = workspace('scenario-cli', { 'credit-limit-increase.scenario.yaml': broken });
        const cli = hitl(['simulate', path.join(cliRoot, 'credit-limit-increase.hitl'), '--cases', '10']);
        const expected = [...cli.stderr.matchAll(/credit-limit-increase\.scenario\.yaml:(\d+):(\d+): (.*)/g)].map((m) => `${m[1]}:${m[2]} ${m[3]}`);
        expect(expected.length).toBe(3);

        const session = await start(workspace('scenario-editor'));
        const diagnostics = await openYaml(session, 'credit-limit-increase.scenario.yaml', broken);
        expect(diagnostics.map(at).sort()).toEqual([...expected].sort());

        // Renaming the step in the workflow makes the scenario's name right: it is checked again.
        const workflow = (await import('node:fs')).readFileSync(path.join(REPO, 'samples', 'credit-limit-increase.hitl'), 'utf8');
        await session.open('credit-limit-increase.hitl', workflow);
        await session.change('credit-limit-increase.hitl', workflow.replaceAll('UnderwriterReview', 'UnderwriterReveiw'));
        // Opening the workflow checks the scenario again too, with the old names: the publish to
        // wait for is the one without the unknown step, not merely the next one.
        await session.publishedWhere('credit-limit-increase.scenario.yaml', (published) => !published.some((d) => at(d).includes('UnderwriterReveiw')));
        expect(session.diagnostics.get(session.uri('credit-limit-increase.scenario.yaml'))!.map(at).sort()).toEqual(expected.filter((line) => !line.includes('UnderwriterReveiw')).sort());
    });

    test('the .hitl files are unaffected: a YAML file is never parsed as hitl, and the workflows are still checked', async () => {
        const root = workspace('apart');
        const session = await start(root);
        await openYaml(session, 'credit-limit-increase.scenario.yaml', 'cases: 10\n');
        await openYaml(session, 'hitl.config.yaml', 'profile: default\n');
        for (let version = 0; version < 3; version++) await session.change('hitl.config.yaml', `profile: default\n# edit ${version}\n`);

        // Langium has no document for them: no outline, no hitl syntax errors.
        const symbols = await session.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: session.uri('hitl.config.yaml') } });
        expect(Array.isArray(symbols)).toBe(false);
        for (const name of ['hitl.config.yaml', 'credit-limit-increase.scenario.yaml']) {
            expect(session.diagnostics.get(session.uri(name))!.filter((d) => String(d.code).startsWith('syntax/'))).toEqual([]);
        }

        // A .hitl edit is still checked, and completion there is hitl's.
        const text = (await import('node:fs')).readFileSync(path.join(root, 'customer-refunds.hitl'), 'utf8');
        await session.open('customer-refunds.hitl', text);
        await session.change('customer-refunds.hitl', text.replace(/sla \d+h/, 'sla 0h'));
        // the publish for the opened text may come first; the edit's follows
        await session.publishedWhere('customer-refunds.hitl', (published) => published.some((d) => d.code === 'escalation/timeout-required'));
        expect(readdirSync(root).filter((file) => file.endsWith('.hitl')).length).toBe(7);
        expect(session.serverErrors).toEqual([]);
    });
});

describe('untitled documents', () => {
    test('a closed untitled workflow leaves the workspace: its diagnostics go, and a configuration change afterwards rebuilds without it', async () => {
        const root = workspace('untitled');
        const session = await start(root);
        const uri = `untitled:${path.join(root, 'draft.hitl')}`;
        const published = (wanted: (diagnostics: readonly Diagnostic[]) => boolean) =>
            new Promise<void>((resolve) => {
                const check = () => (wanted(session.diagnostics.get(uri) ?? []) ? resolve() : setTimeout(check, 20));
                check();
            });
        await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'hitl', version: 1, text: 'workflow Draft {\n    sla 0h\n}\n' } });
        await published((diagnostics) => diagnostics.length > 0);
        await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        await published((diagnostics) => diagnostics.length === 0);

        // A configuration change rebuilds every document; it must not look for the draft on disk.
        writeFileSync(path.join(root, 'hitl.config.yaml'), 'profile: strict\n');
        await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: session.uri('hitl.config.yaml'), type: 1 }] });
        const text = (await import('node:fs')).readFileSync(path.join(root, 'customer-refunds.hitl'), 'utf8');
        await session.open('customer-refunds.hitl', text);
        await session.change('customer-refunds.hitl', text.replace(/sla \d+h/, 'sla 0h'));
        await session.publishedWhere('customer-refunds.hitl', (diagnostics) => diagnostics.some((d) => d.code === 'escalation/timeout-required'));
        expect(session.serverErrors).toEqual([]);
    });
});
