import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { URI, type FileSystemNode } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import { MAX_SOURCE_BYTES } from '../language/parser/guarded-parser.js';
import { MAX_CONFIG_BYTES } from '../language/settings/config-file.js';
import { FileRefusal } from '../language/workspace/file-refusal.js';
import type { WorkspaceBoundFileSystem } from '../language/workspace/workspace-bound.js';
import type { RunRecorder } from './last-run.js';

/**
 * Beyond this size a .hitl file is refused without reading it all: it holds more characters than
 * the parser accepts even if every character took three bytes.
 */
export const MAX_HITL_READ_BYTES = 3 * MAX_SOURCE_BYTES;

export interface ReadLimits {
    readonly maxBytes: number;
    /** Past `maxBytes`: refuse the file (the default), or return its first `maxBytes + 1` bytes. */
    readonly overflow?: 'refuse' | 'truncate';
    /** A symbolic link inside this folder is followed only to a target inside it too. */
    readonly workspaceRoot?: string;
}

// O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer that never comes.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

/**
 * Reads a regular file of at most `maxBytes`. Refuses (with {@link FileRefusal}) a FIFO, a
 * device, a socket or a folder, a file over the cap (reading stops at the cap even if the file
 * grows or misreports its size), and a link from inside the workspace to outside it; other
 * errors (ENOENT, EACCES) are thrown as the file system reports them.
 *
 * Synchronous underneath: nothing here can block (the open does not wait on a FIFO, and the
 * read is bounded), and one implementation serves Langium's async and sync file APIs alike.
 */
export async function readRegularFile(file: string, limits: ReadLimits): Promise<Buffer> {
    return readRegularFileSync(file, limits);
}

function readRegularFileSync(file: string, limits: ReadLimits): Buffer {
    if (limits.workspaceRoot !== undefined && lstatSync(file).isSymbolicLink()) {
        let root = limits.workspaceRoot;
        try {
            root = realpathSync(root);
        } catch {
            // a root that does not exist contains nothing; the comparison below says so
        }
        checkLinkTarget(file, realpathSync(file), root, limits.workspaceRoot);
    }
    const descriptor = openSync(file, OPEN_FLAGS);
    try {
        const info = fstatSync(descriptor);
        checkRegular(info, limits);
        // Only the bytes read are returned (finish), so the buffer need not be zeroed first.
        const buffer = Buffer.allocUnsafe(Math.min(info.size, limits.maxBytes) + 1);
        let total = 0;
        while (total < buffer.length) {
            const bytesRead = readSync(descriptor, buffer, total, buffer.length - total, total);
            if (bytesRead === 0) break;
            total += bytesRead;
        }
        return finish(buffer, total, limits);
    } finally {
        closeSync(descriptor);
    }
}

function checkLinkTarget(file: string, target: string, realRoot: string, root: string): void {
    // Only links inside the workspace are held to it: a path the user names outside it is theirs to name.
    if (!isInside(path.resolve(root), path.resolve(file)) && !isInside(realRoot, path.resolve(file))) return;
    if (!isInside(realRoot, target)) {
        throw new FileRefusal('outside-workspace', `is a symbolic link to ${target}, outside the workspace; links out of the workspace are not followed`);
    }
}

function checkRegular(info: Stats, limits: ReadLimits): void {
    if (!info.isFile()) throw new FileRefusal('not-regular', `is not a regular file (${kindOf(info)}); only regular files are read`);
    if (info.size > limits.maxBytes && limits.overflow !== 'truncate') {
        throw new FileRefusal('too-large', `is ${megabytes(info.size)} MB, more than the ${megabytes(limits.maxBytes)} MB that are read`, info.size);
    }
}

function finish(buffer: Buffer, total: number, limits: ReadLimits): Buffer {
    if (total > limits.maxBytes && limits.overflow !== 'truncate') {
        throw new FileRefusal('too-large', `is more than the ${megabytes(limits.maxBytes)} MB that are read`, total);
    }
    return buffer.subarray(0, total);
}

export function isInside(root: string, file: string): boolean {
    const relative = path.relative(root, file);
    return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

function kindOf(info: Stats): string {
    if (info.isDirectory()) return 'a folder';
    if (info.isFIFO()) return 'a named pipe';
    if (info.isCharacterDevice()) return 'a character device';
    if (info.isBlockDevice()) return 'a block device';
    if (info.isSocket()) return 'a socket';
    return 'not a file';
}

function megabytes(bytes: number): string {
    return (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
}

/**
 * Langium's Node file system with every read bounded: the language server and the CLI read the
 * workspace through it, so a committed FIFO, `/dev/zero` link or multi-gigabyte file can neither
 * hang nor exhaust them. An oversized .hitl file is either read as its first bytes past the
 * parser's limit, so that the editor reports it as too large instead of reading it whole
 * ('truncate'), or refused with its size ('refuse', for the CLI's own finding).
 */
export class BoundedNodeFileSystemProvider extends NodeFileSystemProvider implements WorkspaceBoundFileSystem {
    private roots: string[] = [];

    constructor(
        private readonly oversizedSources: 'truncate' | 'refuse' = 'truncate',
        /** Told of every path read, listed or probed (the replay of a check, cli/last-run.ts). */
        private readonly watcher?: Pick<RunRecorder, 'watch'>,
    ) {
        super();
    }

    override async stat(uri: URI): Promise<FileSystemNode> {
        return this.probed(uri, () => super.stat(uri));
    }

    override statSync(uri: URI): FileSystemNode {
        try {
            const node = super.statSync(uri);
            this.watcher?.watch(uri.fsPath, 'presence', true);
            return node;
        } catch (error) {
            this.watcher?.watch(uri.fsPath, 'presence', false);
            throw error;
        }
    }

    override async exists(uri: URI): Promise<boolean> {
        const exists = await super.exists(uri);
        this.watcher?.watch(uri.fsPath, 'presence', exists);
        return exists;
    }

    override existsSync(uri: URI): boolean {
        const exists = super.existsSync(uri);
        this.watcher?.watch(uri.fsPath, 'presence', exists);
        return exists;
    }

    override async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        this.watcher?.watch(uri.fsPath, 'content');
        return super.readDirectory(uri);
    }

    override readDirectorySync(uri: URI): FileSystemNode[] {
        this.watcher?.watch(uri.fsPath, 'content');
        return super.readDirectorySync(uri);
    }

    private async probed(uri: URI, stat: () => Promise<FileSystemNode>): Promise<FileSystemNode> {
        try {
            const node = await stat();
            this.watcher?.watch(uri.fsPath, 'presence', true);
            return node;
        } catch (error) {
            this.watcher?.watch(uri.fsPath, 'presence', false);
            throw error;
        }
    }

    restrictTo(roots: readonly URI[]): void {
        this.roots = roots.filter((root) => root.scheme === 'file').map((root) => root.fsPath);
    }

    override async readFile(uri: URI): Promise<string> {
        return this.readFileSync(uri);
    }

    override readFileSync(uri: URI): string {
        return this.readBinarySync(uri).toString('utf8');
    }

    override async readBinary(uri: URI): Promise<Uint8Array> {
        return this.readBinarySync(uri);
    }

    override readBinarySync(uri: URI): Buffer {
        const file = uri.fsPath;
        this.watcher?.watch(file, 'content');
        const workspaceRoot = this.roots.find((root) => isInside(root, file));
        // Anything but a .hitl source is a configuration, refused past its cap.
        const limits: ReadLimits = !file.endsWith('.hitl')
            ? { maxBytes: MAX_CONFIG_BYTES, workspaceRoot }
            : this.oversizedSources === 'truncate'
              ? { maxBytes: MAX_SOURCE_BYTES, overflow: 'truncate', workspaceRoot }
              : { maxBytes: MAX_HITL_READ_BYTES, workspaceRoot };
        return readRegularFileSync(file, limits);
    }
}
