import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { LangiumDocument, LangiumSharedCoreServices, URI } from 'langium';
import { CheckPlanner } from '../language/headless/check-plan.js';
import type { FileResult, Finding } from '../language/headless/check-result.js';
import { plannedDependencies, type FileDependencies } from '../language/headless/dependencies.js';
import { summariseSources, type FileSummary } from '../language/headless/file-summary.js';
import { checkPlanned, isUnread, type CheckSource, type FindingsCache, type SourceReader } from '../language/headless/workspace-check.js';
import { processIsAlive, writeFileAtomically } from './atomic-write.js';
import { pruneFolder, stampOf, vouches, type Stamp } from './cache-files.js';

/**
 * The warm `hitl check`: findings of earlier runs on disk, one file per workspace, keyed by
 * content (see docs/cli.md, "Cache"). A run whose sources, configuration, date and tool are those
 * of the last run reuses its whole result without parsing; otherwise each file's findings are
 * reused when its dependencies (language/headless/dependencies.ts: the files its plan loads, and
 * every declaration) hash the same, and only the files whose findings are not known are checked,
 * loading what their plan loads. Plans come from the files' summaries, kept by content hash, so
 * that only a changed file is parsed to plan. The file holds
 * only the entries of the last run, so it never grows beyond one workspace's findings, and the
 * folder keeps the most recently used workspaces only. A cache that cannot be read, is corrupt
 * or comes from another build of hitl is ignored and rewritten; one that cannot be written is
 * left alone: the check never fails for its cache.
 */

/** Bumped when the layout of the cache file changes. */
const FORMAT = 3;
const CACHE_FILE = /^check-[0-9a-f]{16}\.json$/;

interface StoredEntry {
    readonly findings: readonly Finding[];
    /** Files outside the dependencies that the findings point into (display path → content hash when stored). */
    readonly related: Readonly<Record<string, string>>;
}

/** A file as `stat` saw it before it was read: `[uri, reported, inode, size, mtime, ctime]`. */
type FileStamp = readonly [string, boolean, ...Stamp];
const fileStampOf = ([, , ...stamp]: FileStamp): Stamp => stamp;

interface Stored {
    readonly format: number;
    readonly tool: string;
    readonly whole?: {
        readonly key: string;
        readonly files: readonly FileResult[];
        /** Shortcut to `key` that reads no file: the salt's hash and the files' stamps, taken at `stampedAt`. */
        readonly salt: string;
        readonly stamps: readonly FileStamp[];
        /** The content hash of each stamped file that was read as text ('' otherwise): the stamp vouches for it in the next run. */
        readonly hashes: readonly string[];
        readonly stampedAt: number;
    };
    readonly files: Readonly<Record<string, StoredEntry>>;
}

/** The files' summaries (language/headless/file-summary.ts) by content hash. */
type StoredSummaries = Record<string, FileSummary>;

export interface CacheSettings {
    /** The folder holding the cache files. */
    readonly folder: string;
    /** The workspace's root folder: one cache file each. */
    readonly workspaceRoot: string;
    /** The version and a hash of the running build. */
    readonly tool: string;
    /** Everything else every finding depends on: configuration, date, display root. */
    readonly salt: string;
    readonly display: (uri: URI) => string;
}

export class CheckCache implements FindingsCache {
    private readonly hashes = new Map<string, string>();
    private readonly hashByDisplay = new Map<string, string>();
    private wholeKey = '';
    private declarationsKey: { readonly text: string; readonly hash: string } | undefined;
    private readonly used: Record<string, StoredEntry> = {};
    private readonly summaries: StoredSummaries = {};
    private storedSummaries: ParsedSummaries | undefined;
    /** Set when the stored summaries are written back as read (a run that read the same sources). */
    private keepSummaries = false;
    private wholeResult: readonly FileResult[] | undefined;
    private stamps: FileStamp[] = [];
    private stampedAt = 0;
    /** Files whose stamps vouch for their content, with its hash: not read again. */
    private readonly vouched = new Map<string, string>();
    /** Files read as text (or vouched for), whose hashes the next run may trust by their stamps. */
    private readonly readable = new Set<string>();

    private constructor(
        private readonly settings: CacheSettings,
        private readonly file: string,
        private readonly stored: Stored | undefined,
        /** The summaries' JSON as read, and its hash: checked and parsed only by a run that needs them, so that the others do not pay for it. */
        private readonly summariesRead: SummariesRead | undefined,
    ) {}

    static async open(settings: CacheSettings): Promise<CheckCache> {
        const file = path.join(settings.folder, `check-${sha256(settings.workspaceRoot).slice(0, 16)}.json`);
        const { stored, summaries } = await readStored(file, settings.tool);
        return new CheckCache(settings, file, stored, summaries);
    }

    /**
     * Before anything is read: the stored result when every file is where it was, with the same
     * inode, size, modification and change time as when the stored run read it, and changed
     * safely before that run (cli/cache-files.ts `vouches`); else the files are read and hashed.
     */
    async unchanged(files: readonly URI[], reported: ReadonlySet<string>): Promise<readonly FileResult[] | undefined> {
        this.stampedAt = Date.now();
        try {
            this.stamps = await Promise.all(
                files.map(async (uri): Promise<FileStamp> => {
                    const info = await stat(uri.fsPath);
                    return [uri.toString(), reported.has(uri.toString()), ...stampOf(info)];
                }),
            );
        } catch {
            this.stamps = [];
            return undefined;
        }
        const whole = this.stored?.whole;
        if (!whole) return undefined;
        const before = new Map(whole.stamps.map((stamp, i) => [stamp[0], { stamp, hash: whole.hashes[i] }]));
        for (const stamp of this.stamps) {
            const old = before.get(stamp[0]);
            if (old?.hash && vouches(fileStampOf(stamp), fileStampOf(old.stamp), whole.stampedAt)) this.vouched.set(stamp[0], old.hash);
        }
        if (whole.salt !== sha256(this.settings.salt) || whole.stamps.length !== this.stamps.length) return undefined;
        const same = this.stamps.every((stamp, i) => {
            const old = whole.stamps[i];
            return stamp[0] === old[0] && stamp[1] === old[1] && vouches(fileStampOf(stamp), fileStampOf(old), whole.stampedAt);
        });
        return same ? whole.files : undefined;
    }

    knownHash(file: URI): string | undefined {
        return this.vouched.get(file.toString());
    }

    whole(sources: readonly CheckSource[]): readonly FileResult[] | undefined {
        const key = createHash('sha256').update(`${this.settings.salt}\n`);
        for (const source of sources) {
            const hash = isUnread(source) ? source.knownHash : sha256(source.text ?? `unreadable ${JSON.stringify(source.unreadable)}`);
            const display = this.settings.display(source.uri);
            if (isUnread(source) || source.text !== undefined) this.readable.add(source.uri.toString());
            this.hashes.set(source.uri.toString(), hash);
            this.hashByDisplay.set(display, hash);
            key.update(`${source.uri.toString()} ${display} ${hash}\n`);
        }
        this.wholeKey = key.digest('hex');
        if (this.stored?.whole?.key !== this.wholeKey) return undefined;
        // Kept again with this run's stamps, so that the next run can skip reading; its entries still hold.
        this.wholeResult = this.stored.whole.files;
        Object.assign(this.used, this.stored.files);
        this.keepSummaries = true;
        return this.wholeResult;
    }

    /**
     * The warm check when some files changed: summaries from the cache or a parse (kept for the
     * check), a plan for each reported file, its findings when its key is known, and one planned
     * check of the others. When most files have to be checked, a check of the whole workspace
     * (which reuses the known findings too) costs no more: undefined.
     */
    async planned(shared: LangiumSharedCoreServices, sources: readonly CheckSource[], reported: ReadonlySet<string>, read: SourceReader): Promise<readonly FileResult[] | undefined> {
        if (!this.stored || Object.keys(this.stored.files).length === 0) return undefined;
        this.storedSummaries ??= parseSummaries(this.summariesRead);
        const stored = this.storedSummaries.entries;
        const summaries = new Map<string, FileSummary>();
        const parsed = new Map<string, LangiumDocument>();
        for (const source of sources) {
            const uri = source.uri.toString();
            const hash = this.hashes.get(uri)!;
            let summary = Object.hasOwn(stored, hash) ? stored[hash] : undefined;
            if (!summary) {
                const fresh = await summariseSources(shared, await read([source]));
                summary = fresh.summaries.get(uri)!;
                const document = fresh.parsed.get(uri);
                if (document) parsed.set(uri, document);
            }
            summaries.set(uri, summary);
            this.summaries[hash] = summary;
        }
        const planner = new CheckPlanner(summaries);
        const declarations = planner.declarations();
        const known = new Map<string, readonly Finding[]>();
        const misses = new Map<string, { readonly source: CheckSource; readonly dependencies: FileDependencies }>();
        for (const source of sources) {
            const uri = source.uri.toString();
            if (!reported.has(uri)) continue;
            if (!isUnread(source) && source.unreadable) {
                known.set(uri, [source.unreadable]);
                continue;
            }
            const dependencies = plannedDependencies(planner, source.uri, declarations, summaries.get(uri));
            const found = this.lookup(source.uri, dependencies);
            if (found) known.set(uri, found);
            else misses.set(uri, { source, dependencies });
        }
        if (misses.size > known.size) return undefined;
        if (misses.size > 0) {
            const plan = planner.planFor(misses.keys());
            const byUri = new Map(sources.map((source) => [source.uri.toString(), source]));
            const checked = await checkPlanned(shared, await read(plan.load.map((uri) => byUri.get(uri)!)), plan, { display: this.settings.display, parsed });
            const byPath = new Map(checked.files.map((file) => [file.path, file.findings]));
            for (const [uri, { source, dependencies }] of misses) {
                const findings = byPath.get(this.settings.display(source.uri)) ?? [];
                this.store(source.uri, dependencies, findings);
                known.set(uri, findings);
            }
        }
        const files = sources
            .filter((source) => known.has(source.uri.toString()))
            .map((source) => ({ path: this.settings.display(source.uri), findings: known.get(source.uri.toString())! }))
            .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        this.storeWhole(files);
        return files;
    }

    lookup(file: URI, dependencies: FileDependencies): readonly Finding[] | undefined {
        const key = this.keyOf(file, dependencies);
        const entry = this.stored?.files[key];
        if (!entry) return undefined;
        for (const [shown, hash] of Object.entries(entry.related)) if (this.hashByDisplay.get(shown) !== hash) return undefined;
        this.used[key] = entry;
        this.keepSummary(file, dependencies);
        return entry.findings;
    }

    store(file: URI, dependencies: FileDependencies, findings: readonly Finding[]): void {
        const read = new Set(dependencies.files.map((uri) => this.settings.display(uri)));
        const related: Record<string, string> = {};
        for (const finding of findings) {
            for (const location of finding.related) {
                if (read.has(location.path)) continue;
                const hash = this.hashByDisplay.get(location.path);
                // A location the cache cannot check later: the findings are not kept.
                if (hash === undefined) return;
                related[location.path] = hash;
            }
        }
        this.used[this.keyOf(file, dependencies)] = { findings, related };
        this.keepSummary(file, dependencies);
    }

    private keepSummary(file: URI, dependencies: FileDependencies): void {
        const hash = this.hashes.get(file.toString());
        if (dependencies.summary && hash !== undefined) this.summaries[hash] = dependencies.summary;
    }

    storeWhole(files: readonly FileResult[]): void {
        this.wholeResult = files;
    }

    /** Writes the entries of this run; a failure only costs the next run its cache. */
    async save(): Promise<void> {
        if (this.wholeResult === undefined) return;
        const hashes = this.stamps.map(([uri]) => (this.readable.has(uri) ? (this.hashes.get(uri) ?? '') : ''));
        const whole = { key: this.wholeKey, files: this.wholeResult, salt: sha256(this.settings.salt), stamps: this.stamps, hashes, stampedAt: this.stampedAt };
        const stored: Stored = { format: FORMAT, tool: this.settings.tool, whole, files: this.used };
        const body = JSON.stringify(stored);
        const kept = this.keepSummaries ? intact(this.summariesRead) : undefined;
        const summaries = kept ?? this.extendedSummaries() ?? JSON.stringify(this.summaries);
        try {
            await mkdir(this.settings.folder, { recursive: true });
            await writeFileAtomically(this.file, `${sha256(body)}\n${body}\n${sha256(summaries)}\n${summaries}`, { pid: process.pid, isAlive: processIsAlive });
            await pruneFolder(this.settings.folder, this.file, CACHE_FILE);
        } catch {
            // read-only or full: the next run checks without a cache
        }
    }

    /**
     * The stored summaries' text with this run's new ones added, so that a run that parsed a few
     * files does not write all the others again; undefined (write them anew) once the summaries of
     * files no longer there would make up more than a fifth of it.
     */
    private extendedSummaries(): string | undefined {
        const stored = this.storedSummaries;
        if (stored?.text === undefined || !stored.text.endsWith('}')) return undefined;
        const used = Object.keys(this.summaries);
        const added = used.filter((hash) => !Object.hasOwn(stored.entries, hash));
        const kept = used.length - added.length;
        const stale = Object.keys(stored.entries).length - kept;
        if (stale * 4 > used.length) return undefined;
        if (added.length === 0) return stored.text;
        const more = added.map((hash) => `${JSON.stringify(hash)}:${JSON.stringify(this.summaries[hash])}`).join(',');
        return `${stored.text.slice(0, -1)}${Object.keys(stored.entries).length > 0 ? ',' : ''}${more}}`;
    }

    private keyOf(file: URI, dependencies: FileDependencies): string {
        if (this.declarationsKey?.text !== dependencies.declarations) this.declarationsKey = { text: dependencies.declarations, hash: sha256(dependencies.declarations) };
        const key = createHash('sha256').update(`${this.settings.salt}\n${this.declarationsKey.hash}\n${file.toString()}\n`);
        for (const uri of dependencies.files) key.update(`${uri.toString()} ${this.settings.display(uri)} ${this.hashes.get(uri.toString()) ?? '-'}\n`);
        return key.digest('hex');
    }
}

/**
 * The stored entries, or undefined when there are none usable: missing, unreadable, corrupt, of
 * another build. The file is four lines: the entries' hash and JSON, the summaries' hash and JSON;
 * summaries that do not match their hash are dropped alone (they are only a shortcut to a parse).
 */
async function readStored(file: string, tool: string): Promise<{ stored?: Stored; summaries?: SummariesRead }> {
    let bytes: Buffer;
    try {
        bytes = await readFile(file);
    } catch {
        return {};
    }
    const [hash, body, summariesHash, summaries] = lines(bytes, 4);
    if (body === undefined || hash.toString() !== sha256(body)) return {};
    try {
        const stored = JSON.parse(body.toString()) as Stored;
        if (stored.format !== FORMAT || stored.tool !== tool || typeof stored.files !== 'object') return {};
        return { stored, summaries: summaries === undefined ? undefined : { hash: summariesHash.toString(), bytes: summaries } };
    } catch {
        return {};
    }
}

/** Up to `count` lines, the last one taking the rest; bytes, so that only the lines used are decoded. */
function lines(bytes: Buffer, count: number): Buffer[] {
    const result: Buffer[] = [];
    let start = 0;
    for (let end = bytes.indexOf(0x0a); end >= 0 && result.length < count - 1; end = bytes.indexOf(0x0a, start)) {
        result.push(bytes.subarray(start, end));
        start = end + 1;
    }
    result.push(bytes.subarray(start));
    return result;
}

interface SummariesRead {
    readonly hash: string;
    readonly bytes: Buffer;
}

/** The text when it matches its hash. */
function intact(read: SummariesRead | undefined): string | undefined {
    return read && sha256(read.bytes) === read.hash ? read.bytes.toString() : undefined;
}

/** The stored summaries, and their text when it is a JSON object (so that it can be extended). */
interface ParsedSummaries {
    readonly entries: StoredSummaries;
    readonly text?: string;
}

function parseSummaries(read: SummariesRead | undefined): ParsedSummaries {
    const text = intact(read);
    if (text === undefined) return { entries: {} };
    try {
        const summaries: unknown = JSON.parse(text);
        return typeof summaries === 'object' && summaries !== null && !Array.isArray(summaries) ? { entries: summaries as StoredSummaries, text } : { entries: {} };
    } catch {
        return { entries: {} };
    }
}

/** The version and, for a bundle, a hash of its bytes: a rebuilt hitl never reads an older build's findings. */
export function toolIdentity(version: string, bundle: string | undefined): string {
    if (bundle === undefined) return version;
    try {
        return `${version} ${sha256(readFileSync(bundle))}`;
    } catch {
        return `${version} ${bundle}`;
    }
}

function sha256(data: string | Uint8Array): string {
    return createHash('sha256').update(data).digest('hex');
}
