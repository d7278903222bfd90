import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';

/** Temporary files being written now, removed by {@link removeTemporaries} when the process is interrupted. */
const inFlight = new Set<string>();

const TEMPORARY = /^(.*)\.(\d+)\.tmp$/;

export interface AtomicWriteOptions {
    readonly pid: number;
    /** Whether a process of that id still runs; its temporary file is then left alone. */
    readonly isAlive: (pid: number) => boolean;
}

/**
 * Writes `text` to `file` so that a reader sees either the old content or the whole new one: into
 * `<file>.<pid>.tmp` beside it, flushed to disk, then renamed over the target. A failed write
 * removes its temporary file; one left by a process that was killed (SIGKILL cannot be caught) is
 * removed by the next write to the same target.
 */
export async function writeFileAtomically(file: string, text: string, options: AtomicWriteOptions): Promise<void> {
    await removeStaleTemporaries(file, options);
    const temporary = `${file}.${options.pid}.tmp`;
    inFlight.add(temporary);
    try {
        const handle = await open(temporary, 'w');
        try {
            await handle.writeFile(text, 'utf8');
            await handle.sync();
        } finally {
            await handle.close();
        }
        await rename(temporary, file);
        await syncFolder(path.dirname(file));
    } catch (error) {
        await rm(temporary, { force: true }).catch(() => undefined);
        throw error;
    } finally {
        inFlight.delete(temporary);
    }
}

/**
 * A file written piece by piece (a stream of records too large to hold) with the same guarantee:
 * the pieces go to `<file>.<pid>.tmp`, renamed over the target only by {@link commit}.
 */
export class AtomicFileStream {
    private pending: string[] = [];
    private pendingLength = 0;
    private finished = false;

    private constructor(
        private readonly file: string,
        private readonly temporary: string,
        private readonly fd: number,
    ) {}

    static async open(file: string, options: AtomicWriteOptions): Promise<AtomicFileStream> {
        await removeStaleTemporaries(file, options);
        const temporary = `${file}.${options.pid}.tmp`;
        const fd = openSync(temporary, 'w');
        inFlight.add(temporary);
        return new AtomicFileStream(file, temporary, fd);
    }

    write(text: string): void {
        this.pending.push(text);
        this.pendingLength += text.length;
        if (this.pendingLength > 1 << 20) this.flush();
    }

    async commit(): Promise<void> {
        this.flush();
        fsyncSync(this.fd);
        closeSync(this.fd);
        renameSync(this.temporary, this.file);
        this.finished = true;
        inFlight.delete(this.temporary);
        await syncFolder(path.dirname(this.file));
    }

    /** After a failure: the temporary file goes, the target stays as it was. */
    discard(): void {
        if (this.finished) return;
        this.finished = true;
        inFlight.delete(this.temporary);
        try {
            closeSync(this.fd);
        } catch {
            // closed already
        }
        rmSync(this.temporary, { force: true });
    }

    private flush(): void {
        if (this.pending.length === 0) return;
        writeSync(this.fd, this.pending.join(''));
        this.pending = [];
        this.pendingLength = 0;
    }
}

/** Removes the temporary files of writes still under way; for a signal handler, so synchronous. */
export function removeTemporaries(): void {
    for (const temporary of inFlight) rmSync(temporary, { force: true });
    inFlight.clear();
}

async function removeStaleTemporaries(file: string, options: AtomicWriteOptions): Promise<void> {
    const folder = path.dirname(file);
    const base = path.basename(file);
    let names: string[];
    try {
        names = await readdir(folder);
    } catch {
        return; // the write itself will say why the folder is unusable
    }
    for (const name of names) {
        const match = TEMPORARY.exec(name);
        if (!match || match[1] !== base) continue;
        const pid = Number(match[2]);
        if (pid !== options.pid && options.isAlive(pid)) continue;
        await rm(path.join(folder, name), { force: true }).catch(() => undefined);
    }
}

/** The rename is durable only once the folder's entry is on disk too; not every platform can open a folder. */
export async function syncFolder(folder: string): Promise<void> {
    let handle;
    try {
        handle = await open(folder, 'r');
        await handle.sync();
    } catch {
        // best effort: the data itself is already flushed
    } finally {
        await handle?.close().catch(() => undefined);
    }
}

/** `process.kill(pid, 0)` probes without signalling: ESRCH means gone, EPERM means alive but not ours. */
export function processIsAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}

