import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freshDiagnostics, normalise } from './editor-workspace.js';
import { randomEdit, sampleWorkspace, type Edit, type Random } from './random-edits.js';
import { ServerSession } from './server-session.js';

/** Changed last in every batch; only the final update of a batch can publish its new text. */
const SENTINEL = 'zz-sentinel.hitl';

/**
 * A language server over a temporary copy of the samples (plus cross-file extras), every
 * file open in the editor, edited with seeded random edits.
 */
export class EditingSession {
    readonly files: Map<string, string>;
    private readonly originals: ReadonlyMap<string, string>;
    private batches = 0;
    edits = 0;

    private constructor(
        readonly server: ServerSession,
        private readonly directory: string,
        files: Map<string, string>,
    ) {
        this.files = files;
        this.originals = new Map(files);
    }

    static async start(): Promise<EditingSession> {
        const directory = mkdtempSync(path.join(os.tmpdir(), 'hitl-lsp-'));
        const files = sampleWorkspace();
        files.set(SENTINEL, '// sentinel\n');
        for (const [name, text] of files) writeFileSync(path.join(directory, name), text);
        const session = new EditingSession(new ServerSession(directory), directory, files);
        await session.server.initialize();
        for (const [name, text] of files) await session.server.open(name, text);
        await session.settle();
        return session;
    }

    get names(): string[] {
        return [...this.files.keys()];
    }

    /** Applies `count` random edits, each sent as its own change, and returns them. */
    async randomEdits(random: Random, count: number): Promise<Edit[]> {
        const edits: Edit[] = [];
        for (let i = 0; i < count; i++) {
            const edit = randomEdit(random, this.files, this.originals);
            edits.push(edit);
            await this.apply(edit);
        }
        return edits;
    }

    async apply(edit: Edit): Promise<void> {
        this.files.set(edit.name, edit.text);
        this.edits++;
        await this.server.change(edit.name, edit.text);
    }

    /** Waits until the server has validated every document after the edits sent so far. */
    async settle(): Promise<void> {
        const published = this.server.nextPublish(SENTINEL);
        await this.server.change(SENTINEL, `// batch ${++this.batches}\n`);
        this.files.set(SENTINEL, `// batch ${this.batches}\n`);
        await published;
        await this.server.settled(this.names);
    }

    /** Every document's published diagnostics, and what a fresh check of the same texts reports. */
    async compareWithFreshCheck(): Promise<{ published: Record<string, string[]>; fresh: Record<string, string[]> }> {
        const byUri = new Map(this.names.map((name) => [this.server.uri(name), this.files.get(name)!]));
        const fresh = await freshDiagnostics(byUri);
        const published = Object.fromEntries([...byUri.keys()].map((uri) => [uri, normalise(this.server.diagnostics.get(uri) ?? [])]));
        return { published, fresh };
    }

    async close(): Promise<void> {
        await this.server.close();
        rmSync(this.directory, { recursive: true, force: true });
    }
}

/** Where a comparison differs, for a readable failure: file, then the lines only one side has. */
export function differences(published: Record<string, string[]>, fresh: Record<string, string[]>): string[] {
    const lines: string[] = [];
    for (const uri of Object.keys(fresh)) {
        const stale = (published[uri] ?? []).filter((d) => !fresh[uri].includes(d));
        const missing = fresh[uri].filter((d) => !(published[uri] ?? []).includes(d));
        if (stale.length + missing.length === 0) continue;
        lines.push(`${path.basename(uri)}:`, ...stale.map((d) => `  published only: ${d}`), ...missing.map((d) => `  fresh only:     ${d}`));
    }
    return lines;
}
