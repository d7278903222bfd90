import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { MAX_SOURCE_BYTES } from '../parser/guarded-parser.js';
import { compareFindings, toFinding, type CheckResult, type FileResult, type Finding } from './check-result.js';

/** A problem with the command line or the file system: reported on stderr, exit code 2. */
export class UsageError extends Error {}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/**
 * `.hitl` files under the given paths (relative to `cwd`), sorted, each once. A missing path is
 * a usage error, named as the user wrote it.
 */
export async function collectHitlFiles(paths: readonly string[], cwd: string = process.cwd()): Promise<string[]> {
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
            for (const file of await walk(absolute)) found.add(file);
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
async function walk(directory: string): Promise<string[]> {
    let entries;
    try {
        entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
        throw new UsageError(`${directory}: cannot read folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    const files: string[] = [];
    for (const entry of entries) {
        const full = path.join(directory, entry.name);
        if (entry.isDirectory()) {
            if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) files.push(...(await walk(full)));
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
 * Beyond this size a file is refused without reading it: it holds more characters than the
 * parser accepts even if every character took three bytes, and reading gigabytes would stall.
 */
const MAX_READ_BYTES = 3 * MAX_SOURCE_BYTES;

export async function readSource(absolutePath: string, displayPath: string): Promise<SourceFile> {
    let bytes: Buffer;
    try {
        const { size } = await stat(absolutePath);
        if (size > MAX_READ_BYTES) return { absolutePath, unreadable: tooLargeFinding(size, displayPath) };
        bytes = await readFile(absolutePath);
    } catch (error) {
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
}

/** Loads the files into one workspace, builds and validates it, and collects findings per file. */
export async function checkFiles(shared: LangiumSharedServices, options: CheckOptions): Promise<{ result: CheckResult; documents: LangiumDocument[] }> {
    const display = (absolute: string) => displayPath(options.cwd, absolute);
    const reported = new Set(options.files);
    const all = [...options.files, ...(options.context ?? []).filter((file) => !reported.has(file))];
    const sources = await Promise.all(all.map((file) => readSource(file, display(file))));

    const factory = shared.workspace.LangiumDocumentFactory;
    const documents: LangiumDocument[] = [];
    for (const source of sources) {
        if (source.text === undefined) continue;
        const document = factory.fromString(source.text, URI.file(source.absolutePath));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });

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
