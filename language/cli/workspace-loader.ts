import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { LangiumSharedCoreServices } from 'langium';
import { MAX_SOURCE_BYTES } from '../parser/guarded-parser.js';
import { FileRefusal, MAX_HITL_READ_BYTES, readRegularFile } from './node-file-system.js';
import { compareFindings, toFinding, type CheckResult, type FileResult, type Finding } from './check-result.js';

/** A problem with the command line or the file system: reported on stderr, exit code 2. */
export class UsageError extends Error {}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** Whether an absolute path is kept out of the workspace by the config's `ignore` patterns. */
export type IgnoredPath = (absolute: string) => boolean;

export interface CollectOptions {
    readonly ignored?: IgnoredPath;
    /** Folders that cannot be read are skipped instead of being a usage error (for the workspace around the files checked). */
    readonly skipUnreadable?: boolean;
}

/**
 * The files under the given paths (relative to `cwd`), sorted, each once. A file named explicitly
 * is taken whatever its extension and even if ignored: the user asked for it. In a named folder,
 * `.hitl` files are collected and ignored paths pruned, unless the folder itself is ignored (then
 * naming it overrides the patterns below it). A missing path is a usage error, named as the user
 * wrote it.
 */
export async function collectHitlFiles(paths: readonly string[], cwd: string = process.cwd(), options: CollectOptions = {}): Promise<string[]> {
    const found = new Set<string>();
    for (const given of paths) {
        const absolute = path.resolve(cwd, given);
        let info;
        try {
            info = await stat(absolute);
        } catch {
            throw new UsageError(`${given}: no such file or directory`);
        }
        if (info.isDirectory()) {
            const ignored = options.ignored && !options.ignored(absolute) ? options.ignored : undefined;
            for (const file of await walk(absolute, ignored, options.skipUnreadable ?? false)) found.add(file);
        } else if (info.isFile()) {
            found.add(absolute);
        } else {
            // A device or pipe (/dev/zero, a FIFO) would never end or never arrive.
            throw new UsageError(`${given}: not a file or folder`);
        }
    }
    return [...found].sort();
}

/** Symbolic links inside folders are not followed, so a link cycle cannot make the walk endless. */
async function walk(directory: string, ignored: IgnoredPath | undefined, skipUnreadable: boolean): Promise<string[]> {
    let entries;
    try {
        entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
        if (skipUnreadable) return [];
        throw new UsageError(`${directory}: cannot read folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    const files: string[] = [];
    for (const entry of entries) {
        const full = path.join(directory, entry.name);
        if (ignored?.(full)) continue;
        if (entry.isDirectory()) {
            if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) files.push(...(await walk(full, ignored, skipUnreadable)));
        } else if (entry.isFile() && entry.name.endsWith('.hitl')) {
            files.push(full);
        }
    }
    return files;
}

export interface SourceFile {
    readonly absolutePath: string;
    readonly text?: string;
    /** Set when the bytes cannot be read as text: binary content or invalid UTF-8. */
    readonly unreadable?: Finding;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a source file, bounded: a file over the cap becomes a `syntax/file-too-large` finding
 * without being read whole; a pipe, a device or a link out of the workspace is a usage error.
 */
export async function readSource(absolutePath: string, displayPath: string, workspaceRoot?: string): Promise<SourceFile> {
    let bytes: Buffer;
    try {
        bytes = await readRegularFile(absolutePath, { maxBytes: MAX_HITL_READ_BYTES, workspaceRoot });
    } catch (error) {
        if (error instanceof FileRefusal && error.reason === 'too-large') return { absolutePath, unreadable: tooLargeFinding(error.size ?? MAX_HITL_READ_BYTES + 1, displayPath) };
        if (error instanceof FileRefusal) throw new UsageError(`${displayPath}: ${error.message}`);
        throw new UsageError(`${displayPath}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
        return { absolutePath, unreadable: unreadableFinding(bytes, nul, displayPath, 'syntax/binary-content', 'File contains binary data (a NUL byte); a .hitl file is UTF-8 text.') };
    }
    try {
        return { absolutePath, text: decoder.decode(bytes) };
    } catch {
        const offset = firstInvalidUtf8(bytes);
        return { absolutePath, unreadable: unreadableFinding(bytes, offset, displayPath, 'syntax/invalid-encoding', `Byte 0x${bytes[offset].toString(16).padStart(2, '0')} is not valid UTF-8; save the file as UTF-8.`) };
    }
}

function tooLargeFinding(size: number, displayPath: string): Finding {
    const megabytes = (size / (1024 * 1024)).toFixed(1);
    const message = `File is ${megabytes} MB; .hitl files larger than ${MAX_SOURCE_BYTES / (1024 * 1024)} MB are not parsed. Split it into several files.`;
    const position = { line: 1, column: 1 };
    return { code: 'syntax/file-too-large', severity: 'error', message, path: displayPath, region: { start: position, end: position }, related: [] };
}

function unreadableFinding(bytes: Buffer, offset: number, displayPath: string, code: string, message: string): Finding {
    const before = bytes.subarray(0, offset);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < before.length; i++) {
        if (before[i] === 0x0a) {
            line++;
            lineStart = i + 1;
        }
    }
    const column = Buffer.from(before.subarray(lineStart)).toString('utf8').length + 1;
    const position = { line, column };
    return { code, severity: 'error', message, path: displayPath, region: { start: position, end: position }, related: [] };
}

function firstInvalidUtf8(bytes: Buffer): number {
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

/** Relative to the root with forward slashes; files outside the root keep their absolute path. */
export function displayPath(root: string, absolute: string): string {
    const relative = path.relative(root, absolute);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return absolute.split(path.sep).join('/');
    return relative.split(path.sep).join('/');
}

export interface CheckOptions {
    /** Files to report on. */
    readonly files: readonly string[];
    /** Further files loaded only so that references into them resolve. */
    readonly context?: readonly string[];
    readonly cwd: string;
    /** Symbolic links inside it are followed only to targets inside it. */
    readonly workspaceRoot?: string;
    /** Validate the context files too (the compliance report counts their findings). */
    readonly validateContext?: boolean;
}

/** Loads the files into one workspace, builds and validates it, and collects findings per file. */
export async function checkFiles(shared: LangiumSharedCoreServices, options: CheckOptions): Promise<{ result: CheckResult; documents: LangiumDocument[] }> {
    const display = (absolute: string) => displayPath(options.cwd, absolute);
    const reported = new Set(options.files);
    const all = [...options.files, ...(options.context ?? []).filter((file) => !reported.has(file))];
    // A context file that vanished or cannot be read costs its own declarations, not the check.
    const read = (file: string) => readSource(file, display(file), options.workspaceRoot).catch((error: unknown) => {
        if (reported.has(file)) throw error;
        return undefined;
    });
    const sources = (await Promise.all(all.map(read))).filter((source) => source !== undefined);

    const factory = shared.workspace.LangiumDocumentFactory;
    const documents: LangiumDocument[] = [];
    for (const source of sources) {
        if (source.text === undefined) continue;
        const document = factory.fromString(source.text, URI.file(source.absolutePath));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    // Only the reported files need their own findings; the context is linked, not validated (unless asked).
    const builder = shared.workspace.DocumentBuilder;
    if (options.validateContext) {
        await builder.build(documents, { validation: true });
    } else {
        await builder.build(documents, { validation: false });
        await builder.build(documents.filter((document) => reported.has(document.uri.fsPath)), { validation: true });
    }

    const pathOf = (uri: string) => display(URI.parse(uri).fsPath);
    const byPath = new Map(documents.map((document) => [document.uri.fsPath, document]));
    const files: FileResult[] = [];
    for (const source of sources) {
        if (!reported.has(source.absolutePath)) continue;
        const filePath = display(source.absolutePath);
        if (source.unreadable) {
            files.push({ path: filePath, findings: [source.unreadable] });
            continue;
        }
        const diagnostics = byPath.get(source.absolutePath)?.diagnostics ?? [];
        const findings = diagnostics.map((diagnostic) => toFinding(diagnostic, filePath, pathOf)).sort(compareFindings);
        files.push({ path: filePath, findings });
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { result: { files }, documents };
}
