import { existsSync, renameSync, rmSync } from 'node:fs';
import { lstat, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { isHitlManifest, MANIFEST_FILE_NAME } from '../language/generators/manifest.js';
import { syncFolder, type AtomicWriteOptions } from './atomic-write.js';

/**
 * The output folder of `hitl compile`, replaced as a whole: the new files are written into
 * `<DIR>.<pid>.tmp` beside it and flushed, then the old folder is renamed to `<DIR>.<pid>.old`,
 * the new one renamed to `<DIR>` and the old one removed. A reader, or a run killed at any moment,
 * finds the old output or the new one, never a mix. Between the two renames (two system calls in
 * a row, nothing runs between them) `<DIR>` is briefly absent; a kill exactly there leaves both
 * complete folders beside it, and the next write finishes the swap before anything else.
 * Temporary folders of processes that are gone are removed by the next write; a folder hitl did
 * not write is never removed or replaced.
 */

export interface OutputFile {
    /** Relative to the output folder, forward slashes. */
    readonly path: string;
    readonly content: string;
}

/** Where the test hook may stop a write: after each file, before the swap, between the two renames. */
export type PauseStage = 'file' | 'swap' | 'aside';

export interface FolderWriteOptions extends AtomicWriteOptions {
    /** A test hook (synchronous, so that it can stand between the two renames); never set in production. */
    readonly pause?: (stage: PauseStage) => void;
}

/** `--out` cannot be used, or could not be written; the CLI reports it with exit code 2. */
export class OutputFolderError extends Error {}

/** In a folder being written: it is ours and incomplete. Removed just before the swap. */
const PARTIAL_MARKER = '.hitl-partial';

/** Beyond this, `manifest.json` is not one hitl wrote; a bound on what a check reads. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

const TEMPORARY = /^(.*)\.(\d+)\.(tmp|old)$/;

/** What a signal handler must remove if the process is interrupted now. */
const inFlight: { temporary?: string; aside?: string } = {};

/**
 * Refuses an output folder that hitl may not replace: a symbolic link, something that is not a
 * folder, or a folder that holds anything besides what a previous compile wrote there (as its
 * `manifest.json` lists). An absent or empty folder is fine.
 */
export async function checkOutputFolder(dir: string, given: string): Promise<void> {
    let info;
    try {
        info = await lstat(dir);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw new OutputFolderError(`${given}: cannot be read (${errorCode(error)})`);
    }
    if (info.isSymbolicLink()) throw new OutputFolderError(`${given}: is a symbolic link; --out takes a folder that hitl writes itself`);
    if (!info.isDirectory()) throw new OutputFolderError(`${given}: is not a folder; --out takes a new or empty folder, or one a previous compile wrote`);
    const entries = await readdir(dir);
    if (entries.length === 0) return;
    const listed = await previousOutputs(dir);
    if (!listed) {
        throw new OutputFolderError(`${given}: holds files that hitl did not write (no hitl ${MANIFEST_FILE_NAME}); --out takes a new or empty folder, or one a previous compile wrote`);
    }
    const foreign = await firstUnlisted(dir, '', listed);
    if (foreign !== undefined) {
        throw new OutputFolderError(`${given}: holds '${foreign}', which the previous compile did not write; move it away, hitl replaces only folders it wrote`);
    }
}

/** Writes `files` as the new content of `dir`, atomically (see above). */
export async function writeFolderAtomically(dir: string, files: readonly OutputFile[], options: FolderWriteOptions): Promise<void> {
    checkPaths(files);
    await mkdir(path.dirname(dir), { recursive: true });
    await recoverInterrupted(dir, options);
    await checkOutputFolder(dir, dir);
    const temporary = `${dir}.${options.pid}.tmp`;
    const aside = `${dir}.${options.pid}.old`;
    // A folder of that name that is not ours (recovery left it) makes this fail, and stays as it is.
    await mkdir(temporary);
    inFlight.temporary = temporary;
    try {
        await writeSynced(path.join(temporary, PARTIAL_MARKER), '');
        const folders = new Set<string>([temporary]);
        for (const file of files) {
            const target = path.join(temporary, ...file.path.split('/'));
            await mkdir(path.dirname(target), { recursive: true });
            for (let folder = path.dirname(target); folder !== temporary; folder = path.dirname(folder)) folders.add(folder);
            await writeSynced(target, file.content);
            options.pause?.('file');
        }
        await rm(path.join(temporary, PARTIAL_MARKER));
        // Deepest first, so that each folder's entries are durable before its parent's.
        for (const folder of [...folders].sort((a, b) => b.length - a.length)) await syncFolder(folder);
        options.pause?.('swap');
        swap(dir, temporary, aside, options);
    } catch (error) {
        await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
        throw error;
    } finally {
        inFlight.temporary = undefined;
    }
    await syncFolder(path.dirname(dir));
    if (inFlight.aside) {
        await rm(aside, { recursive: true, force: true });
        inFlight.aside = undefined;
        await syncFolder(path.dirname(dir));
    }
}

/** Removes the folders of a write under way; for a signal handler, so synchronous. */
export function removeFolderTemporaries(): void {
    if (inFlight.temporary) rmSync(inFlight.temporary, { recursive: true, force: true });
    if (inFlight.aside) rmSync(inFlight.aside, { recursive: true, force: true });
    inFlight.temporary = undefined;
    inFlight.aside = undefined;
}

/** The two renames back to back and synchronous: no callback, no signal handler runs between them. */
function swap(dir: string, temporary: string, aside: string, options: FolderWriteOptions): void {
    let movedAside = false;
    try {
        if (existsSync(dir)) {
            renameSync(dir, aside);
            movedAside = true;
            inFlight.aside = aside;
        }
        options.pause?.('aside');
        renameSync(temporary, dir);
    } catch (error) {
        // Put the old output back; if another compile took the place meanwhile, its output stands.
        if (movedAside && !existsSync(dir)) renameSync(aside, dir);
        if (movedAside && existsSync(dir)) rmSync(aside, { recursive: true, force: true });
        inFlight.aside = undefined;
        throw new OutputFolderError(`${dir}: cannot be replaced (${errorCode(error)}); was another compile writing it?`);
    }
}

/**
 * Cleans up after runs that were killed: finishes a swap that was cut between its two renames
 * (the new folder, complete, goes in; else the old one goes back), then removes the temporary
 * folders of processes that are gone. Folders of running processes are theirs; folders that do
 * not look like hitl's are left alone.
 */
async function recoverInterrupted(dir: string, options: AtomicWriteOptions): Promise<void> {
    const parent = path.dirname(dir);
    const base = path.basename(dir);
    const stale = (await readdir(parent))
        .map((name) => ({ name, match: TEMPORARY.exec(name) }))
        .filter(({ match }) => match !== null && match[1] === base && (Number(match[2]) === options.pid || !options.isAlive(Number(match[2]))))
        .map(({ name, match }) => ({ file: path.join(parent, name), pid: match![2], kind: match![3] as 'tmp' | 'old' }))
        .sort((a, b) => (a.file < b.file ? -1 : 1));
    if (!existsSync(dir)) {
        for (const old of stale.filter((entry) => entry.kind === 'old')) {
            if (!(await previousOutputs(old.file))) continue;
            const temporary = stale.find((entry) => entry.kind === 'tmp' && entry.pid === old.pid);
            const complete = temporary && !existsSync(path.join(temporary.file, PARTIAL_MARKER)) && (await previousOutputs(temporary.file));
            await rename(complete ? temporary.file : old.file, dir);
            await syncFolder(parent);
            break;
        }
    }
    for (const entry of stale) {
        if (!existsSync(entry.file) || !(await isOurs(entry.file))) continue;
        await rm(entry.file, { recursive: true, force: true });
    }
}

/** A folder hitl wrote or was writing: marked partial, holding a hitl manifest, or empty (killed right after creating it). */
async function isOurs(folder: string): Promise<boolean> {
    const info = await lstat(folder).catch(() => undefined);
    if (!info?.isDirectory()) return false;
    if (existsSync(path.join(folder, PARTIAL_MARKER))) return true;
    if ((await readdir(folder)).length === 0) return true;
    return (await previousOutputs(folder)) !== undefined;
}

/** The outputs listed by the hitl manifest in `folder`, with the manifest itself; undefined when there is none. */
async function previousOutputs(folder: string): Promise<Set<string> | undefined> {
    const file = path.join(folder, MANIFEST_FILE_NAME);
    const info = await lstat(file).catch(() => undefined);
    if (!info?.isFile() || info.size > MAX_MANIFEST_BYTES) return undefined;
    let manifest: unknown;
    try {
        manifest = JSON.parse(await readFile(file, 'utf8'));
    } catch {
        return undefined;
    }
    if (!isHitlManifest(manifest)) return undefined;
    return new Set([MANIFEST_FILE_NAME, ...manifest.outputs.map((output) => output.path)]);
}

/** The first entry (relative path) under `folder` that is not a listed file nor a folder on the way to one. */
async function firstUnlisted(folder: string, prefix: string, listed: ReadonlySet<string>): Promise<string | undefined> {
    for (const name of (await readdir(folder)).sort()) {
        const relative = prefix === '' ? name : `${prefix}/${name}`;
        const info = await lstat(path.join(folder, name));
        if (info.isDirectory()) {
            if (![...listed].some((file) => file.startsWith(`${relative}/`))) return `${relative}/`;
            const inner = await firstUnlisted(path.join(folder, name), relative, listed);
            if (inner !== undefined) return inner;
        } else if (!info.isFile() || !listed.has(relative)) {
            return relative;
        }
    }
    return undefined;
}

/** Output paths come from generators: each must stay inside the folder, once. */
function checkPaths(files: readonly OutputFile[]): void {
    const seen = new Set<string>();
    for (const file of files) {
        const segments = file.path.split('/');
        if (file.path === '' || file.path.startsWith('/') || file.path.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..') || file.path === PARTIAL_MARKER) {
            throw new Error(`output path '${file.path}' is not a plain relative path`);
        }
        if (seen.has(file.path)) throw new Error(`output path '${file.path}' is written twice`);
        seen.add(file.path);
    }
}

async function writeSynced(file: string, text: string): Promise<void> {
    const handle = await open(file, 'wx');
    try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
    } finally {
        await handle.close();
    }
}

function errorCode(error: unknown): string {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : String(error);
}
