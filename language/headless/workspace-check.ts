import { URI, UriUtils, type FileSystemProvider, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { MAX_SOURCE_BYTES } from '../parser/guarded-parser.js';
import { FileRefusal } from '../workspace/file-refusal.js';
import { compareFindings, toFinding, type CheckResult, type FileResult, type Finding } from './check-result.js';
import type { HitlIndexManager } from '../workspace/index-manager.js';
import type { CheckPlan } from './check-plan.js';
import { dependenciesOf, type FileDependencies } from './dependencies.js';

/**
 * The headless check: collect a workspace's files through an injected file system, read them
 * (bounded, as the file system enforces), build and validate them, and collect the findings per
 * file. The CLI, the tests and any other host bring their own file system and paths.
 */

/** A problem with what the caller asked for (a missing path, an unreadable folder, a refused file); the CLI exits 2. */
export class WorkspaceError extends Error {}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** Whether a file or folder is kept out of the workspace by the config's `ignore` patterns. */
export type IgnoredPath = (uri: URI) => boolean;

export interface CollectOptions {
    readonly ignored?: IgnoredPath;
    /** Folders that cannot be read are skipped instead of being an error (for the workspace around the files checked). */
    readonly skipUnreadable?: boolean;
}

/** A path as the user gave it, and where it points. */
export interface GivenPath {
    readonly given: string;
    readonly uri: URI;
}

/**
 * The files under the given paths, sorted, each once. A file named explicitly is taken whatever
 * its extension and even if ignored: the user asked for it. In a named folder, `.hitl` files are
 * collected and ignored paths pruned, unless the folder itself is ignored (then naming it
 * overrides the patterns below it). A missing path is an error, named as the user wrote it.
 */
export async function collectHitlFiles(fileSystem: FileSystemProvider, paths: readonly GivenPath[], options: CollectOptions = {}): Promise<URI[]> {
    const found = new Map<string, URI>();
    for (const { given, uri } of paths) {
        let node;
        try {
            node = await fileSystem.stat(uri);
        } catch {
            throw new WorkspaceError(`${given}: no such file or directory`);
        }
        if (node.isDirectory) {
            const ignored = options.ignored && !options.ignored(uri) ? options.ignored : undefined;
            for (const file of await walk(fileSystem, uri, ignored, options.skipUnreadable ?? false)) found.set(file.toString(), file);
        } else if (node.isFile) {
            found.set(uri.toString(), uri);
        } else {
            // A device or pipe (/dev/zero, a FIFO) would never end or never arrive.
            throw new WorkspaceError(`${given}: not a file or folder`);
        }
    }
    return [...found.values()].sort((a, b) => compareText(a.path, b.path));
}

/** Symbolic links inside folders are not followed (the file system lists them as neither file nor folder), so a link cycle cannot make the walk endless. */
async function walk(fileSystem: FileSystemProvider, directory: URI, ignored: IgnoredPath | undefined, skipUnreadable: boolean): Promise<URI[]> {
    let entries;
    try {
        entries = await fileSystem.readDirectory(directory);
    } catch (error) {
        if (skipUnreadable) return [];
        throw new WorkspaceError(`${directory.fsPath}: cannot read folder (${errorCode(error)})`);
    }
    const files: URI[] = [];
    for (const entry of entries) {
        if (ignored?.(entry.uri)) continue;
        const name = UriUtils.basename(entry.uri);
        if (entry.isDirectory) {
            if (!SKIPPED_DIRECTORIES.has(name) && !name.startsWith('.')) files.push(...(await walk(fileSystem, entry.uri, ignored, skipUnreadable)));
        } else if (entry.isFile && name.endsWith('.hitl')) {
            files.push(entry.uri);
        }
    }
    return files;
}

function errorCode(error: unknown): string {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : String(error);
}

function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

export interface SourceFile {
    readonly uri: URI;
    readonly text?: string;
    /** Set when the bytes cannot be read as text: binary content or invalid UTF-8. */
    readonly unreadable?: Finding;
}

/** A source whose content the cache knows by the file's stamp (its hash), not read unless a check needs it. */
export interface UnreadSource {
    readonly uri: URI;
    readonly knownHash: string;
}

/** What a check starts from: the sources read, and those the cache vouches for unread. */
export type CheckSource = SourceFile | UnreadSource;

export function isUnread(source: CheckSource): source is UnreadSource {
    return 'knownHash' in source;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a source file through the file system, which bounds the read: a file it refuses as too
 * large becomes a `syntax/file-too-large` finding; a pipe, a device or a link out of the
 * workspace is an error.
 */
export async function readSource(fileSystem: FileSystemProvider, uri: URI, displayPath: string): Promise<SourceFile> {
    let bytes: Uint8Array;
    try {
        bytes = await fileSystem.readBinary(uri);
    } catch (error) {
        if (error instanceof FileRefusal && error.reason === 'too-large') return { uri, unreadable: tooLargeFinding(error.size ?? MAX_SOURCE_BYTES + 1, displayPath) };
        if (error instanceof FileRefusal) throw new WorkspaceError(`${displayPath}: ${error.message}`);
        throw new WorkspaceError(`${displayPath}: cannot read (${errorCode(error)})`);
    }
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
        return { uri, unreadable: unreadableFinding(bytes, nul, displayPath, 'syntax/binary-content', 'File contains binary data (a NUL byte); a .hitl file is UTF-8 text.') };
    }
    try {
        return { uri, text: decoder.decode(bytes) };
    } catch {
        const offset = firstInvalidUtf8(bytes);
        return { uri, unreadable: unreadableFinding(bytes, offset, displayPath, 'syntax/invalid-encoding', `Byte 0x${bytes[offset].toString(16).padStart(2, '0')} is not valid UTF-8; save the file as UTF-8.`) };
    }
}

function tooLargeFinding(size: number, displayPath: string): Finding {
    const megabytes = (size / (1024 * 1024)).toFixed(1);
    const message = `File is ${megabytes} MB; .hitl files larger than ${MAX_SOURCE_BYTES / (1024 * 1024)} MB are not parsed. Split it into several files.`;
    const position = { line: 1, column: 1 };
    return { code: 'syntax/file-too-large', severity: 'error', message, path: displayPath, region: { start: position, end: position }, related: [] };
}

function unreadableFinding(bytes: Uint8Array, offset: number, displayPath: string, code: string, message: string): Finding {
    const before = bytes.subarray(0, offset);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < before.length; i++) {
        if (before[i] === 0x0a) {
            line++;
            lineStart = i + 1;
        }
    }
    const column = new TextDecoder('utf-8').decode(before.subarray(lineStart)).length + 1;
    const position = { line, column };
    return { code, severity: 'error', message, path: displayPath, region: { start: position, end: position }, related: [] };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
    for (let i = 0; i < bytes.length; ) {
        const byte = bytes[i];
        const length = byte < 0x80 ? 1 : byte >> 5 === 0x6 ? 2 : byte >> 4 === 0xe ? 3 : byte >> 3 === 0x1e ? 4 : 0;
        if (length === 0) return i;
        for (let k = 1; k < length; k++) {
            if (i + k >= bytes.length || bytes[i + k] >> 6 !== 0x2) return i;
        }
        try {
            decoder.decode(bytes.subarray(i, i + length));
        } catch {
            return i;
        }
        i += length;
    }
    return 0;
}

export interface CheckOptions {
    /** Files to report on. */
    readonly files: readonly URI[];
    /** Further files loaded only so that references into them resolve. */
    readonly context?: readonly URI[];
    /** How a file is named in findings (relative to the repository, say). */
    readonly display: (uri: URI) => string;
    /** Validate the context files too (the compliance report counts their findings). */
    readonly validateContext?: boolean;
    /** Findings of earlier runs, for the files whose dependencies have not changed (check only: no documents are returned for them). */
    readonly cache?: FindingsCache;
    /**
     * A host's way of checking the sources elsewhere (the CLI's worker threads) when the cache has
     * no result for them as a whole: the reported files' results, or undefined to check them here.
     * Check only: no documents are returned.
     */
    readonly checkElsewhere?: (sources: readonly SourceFile[], reported: ReadonlySet<string>) => Promise<readonly FileResult[] | undefined>;
}

/** Where findings of earlier runs are kept (the CLI keeps them on disk, keyed by content). */
export interface FindingsCache {
    /** The hash of a file's content when its stamp vouches for it: the file need not be read. */
    readonly knownHash: (file: URI) => string | undefined;
    /** Once the sources are known: the files' results of a run that read exactly these sources. */
    readonly whole: (sources: readonly CheckSource[]) => readonly FileResult[] | undefined;
    readonly lookup: (file: URI, dependencies: FileDependencies) => readonly Finding[] | undefined;
    readonly store: (file: URI, dependencies: FileDependencies, findings: readonly Finding[]) => void;
    readonly storeWhole: (files: readonly FileResult[]) => void;
    /**
     * When `whole` has no result: the reported files' results from earlier runs' findings and one
     * planned check of the files whose findings are not known (in these services, still empty),
     * or undefined to check the whole workspace.
     */
    readonly planned: (shared: LangiumSharedCoreServices, sources: readonly CheckSource[], reported: ReadonlySet<string>, read: SourceReader) => Promise<readonly FileResult[] | undefined>;
}

/** Reads the sources not read yet; a context file that can no longer be read is left out. */
export type SourceReader = (sources: readonly CheckSource[]) => Promise<SourceFile[]>;

/** Loads the files into one workspace, builds and validates it, and collects findings per file. */
export async function checkFiles(shared: LangiumSharedCoreServices, options: CheckOptions): Promise<{ result: CheckResult; documents: LangiumDocument[] }> {
    const fileSystem = shared.workspace.FileSystemProvider;
    const reported = new Set(options.files.map((uri) => uri.toString()));
    const all = [...options.files, ...(options.context ?? []).filter((uri) => !reported.has(uri.toString()))];
    // A context file that vanished or cannot be read costs its own declarations, not the check.
    const read = (uri: URI) =>
        readSource(fileSystem, uri, options.display(uri)).catch((error: unknown) => {
            if (reported.has(uri.toString())) throw error;
            return undefined;
        });
    const readAll: SourceReader = async (some) => (await Promise.all(some.map((source) => (isUnread(source) ? read(source.uri) : source)))).filter((source) => source !== undefined);
    const cache = options.cache;
    const known = (await Promise.all(all.map((uri) => unreadOr(cache?.knownHash(uri), uri) ?? read(uri)))).filter((source) => source !== undefined);
    const stored = cache?.whole(known) ?? (options.validateContext ? undefined : await cache?.planned(shared, known, reported, readAll));
    if (stored) return { result: { files: stored }, documents: [] };
    const sources = await readAll(known);

    const done = options.validateContext ? undefined : await options.checkElsewhere?.(sources, reported);
    if (done) {
        cache?.storeWhole(done);
        return { result: { files: done }, documents: [] };
    }
    const documents = addDocuments(shared, sources);
    if (options.validateContext) {
        await shared.workspace.DocumentBuilder.build(documents, { validation: true });
        return { result: collect(sources, documents, reported, options, new Map()), documents };
    }
    const result = await checkLoaded(shared, sources, documents, reported, options);
    cache?.storeWhole(result.files);
    return { result, documents };
}

function unreadOr(knownHash: string | undefined, uri: URI): UnreadSource | undefined {
    return knownHash === undefined ? undefined : { uri, knownHash };
}

export interface PlannedOptions {
    /** How a file is named in findings. */
    readonly display: (uri: URI) => string;
    /** Documents already parsed from some of the sources, by URI (a worker parses its share first, to summarise it). */
    readonly parsed?: ReadonlyMap<string, LangiumDocument>;
}

/**
 * A partial check (see check-plan.ts): loads only the plan's files, knows the other files' exports
 * by name, and reports the plan's files with exactly the findings a check of the whole workspace
 * gives them. `sources` are those of `plan.load`. The services must be fresh.
 */
export async function checkPlanned(shared: LangiumSharedCoreServices, sources: readonly SourceFile[], plan: CheckPlan, options: PlannedOptions): Promise<CheckResult> {
    const index = shared.workspace.IndexManager as HitlIndexManager;
    for (const { uri, exports } of plan.elsewhere) index.declareUnloaded(URI.parse(uri), exports);
    const documents = addDocuments(shared, sources, options.parsed);
    return checkLoaded(shared, sources, documents, new Set(plan.report), options);
}

/** A source's document, parsed but not yet part of the workspace; undefined when the source could not be read as text. */
export function parseSource(shared: LangiumSharedCoreServices, source: SourceFile): LangiumDocument | undefined {
    return source.text === undefined ? undefined : shared.workspace.LangiumDocumentFactory.fromString(source.text, source.uri);
}

function addDocuments(shared: LangiumSharedCoreServices, sources: readonly SourceFile[], parsed?: ReadonlyMap<string, LangiumDocument>): LangiumDocument[] {
    const documents: LangiumDocument[] = [];
    for (const source of sources) {
        const document = parsed?.get(source.uri.toString()) ?? parseSource(shared, source);
        if (!document) continue;
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    return documents;
}

/** Builds the loaded documents and validates the reported ones (only those the cache does not hold). */
async function checkLoaded(
    shared: LangiumSharedCoreServices,
    sources: readonly SourceFile[],
    documents: LangiumDocument[],
    reported: ReadonlySet<string>,
    options: Pick<CheckOptions, 'display' | 'cache'>,
): Promise<CheckResult> {
    const cache = options.cache;
    await shared.workspace.DocumentBuilder.build(documents, { validation: false });
    const reportedDocuments = documents.filter((document) => reported.has(document.uri.toString()));
    const dependencies = cache ? await dependenciesOf(shared, reportedDocuments.map((document) => document.uri)) : undefined;
    const known = new Map<string, readonly Finding[]>();
    for (const document of reportedDocuments) {
        const uri = document.uri.toString();
        const found = dependencies && cache?.lookup(document.uri, dependencies.get(uri)!);
        const findings = found ?? (await validate(shared, document, options));
        if (!found && dependencies) cache?.store(document.uri, dependencies.get(uri)!, findings);
        known.set(uri, findings);
    }
    return collect(sources, documents, reported, options, known);
}

/**
 * One document's findings, validated on its own: through the builder, a validation build would
 * also re-check every document depending on the ones it parsed (what the editor needs after an
 * edit), that is the whole workspace.
 */
async function validate(shared: LangiumSharedCoreServices, document: LangiumDocument, options: Pick<CheckOptions, 'display'>): Promise<Finding[]> {
    const services = shared.ServiceRegistry.getServices(document.uri);
    const categories = [...services.validation.ValidationRegistry.getAllValidationCategories(document)];
    document.diagnostics = await services.validation.DocumentValidator.validateDocument(document, { categories });
    return findingsOf(document, options);
}

/** The findings per reported file, sorted; those already known as given. */
function collect(sources: readonly SourceFile[], documents: readonly LangiumDocument[], reported: ReadonlySet<string>, options: Pick<CheckOptions, 'display'>, known: ReadonlyMap<string, readonly Finding[]>): CheckResult {
    const byUri = new Map(documents.map((document) => [document.uri.toString(), document]));
    const files: FileResult[] = [];
    for (const source of sources) {
        const uri = source.uri.toString();
        if (!reported.has(uri)) continue;
        const filePath = options.display(source.uri);
        if (source.unreadable) {
            files.push({ path: filePath, findings: [source.unreadable] });
            continue;
        }
        const document = byUri.get(uri);
        files.push({ path: filePath, findings: known.get(uri) ?? (document ? findingsOf(document, options) : []) });
    }
    files.sort((a, b) => compareText(a.path, b.path));
    return { files };
}

function findingsOf(document: LangiumDocument, options: Pick<CheckOptions, 'display'>): Finding[] {
    const filePath = options.display(document.uri);
    const pathOf = (uri: string) => options.display(URI.parse(uri));
    return (document.diagnostics ?? []).map((diagnostic) => toFinding(diagnostic, filePath, pathOf)).sort(compareFindings);
}
