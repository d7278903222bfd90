import { existsSync, type Stats } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

// Where `hitl check` keeps what it reuses across runs (cli/check-cache.ts, cli/last-run.ts), and
// when a file's stamp may stand for its content. No Langium here: the last-run replay loads this
// before the CLI's bundle.

/** How many files of one kind a cache folder keeps: the most recently written. */
export const MAX_CACHE_FILES = 16;

/**
 * How long before a run started a file's last change must lie for its stamp to vouch for its
 * content. As in git's index: a file changed within the same clock tick as it was read could
 * change again unseen, so its stamp proves nothing and the file is read.
 */
const RACY_MS = 2000;

/** What `stat` says of a file or folder that changes whenever its content does: `[inode, size, mtime, ctime]`. */
export type Stamp = readonly [number, number, number, number];

export function stampOf(info: Stats): Stamp {
    return [info.ino, info.size, info.mtimeMs, info.ctimeMs];
}

/** Same stamp, and last changed safely before `since` (when the run that took the old stamp started). */
export function vouches(now: Stamp, old: Stamp, since: number): boolean {
    return now.every((value, k) => value === old[k]) && Math.max(now[2], now[3]) < since - RACY_MS;
}

/**
 * `$HITL_CACHE_DIR` if set (a CI job's cached folder, say); else `node_modules/.cache/hitl` in the
 * nearest folder at or above `start` that has a `node_modules`, as other tools keep theirs;
 * else `$XDG_CACHE_HOME/hitl` (`~/.cache/hitl`).
 */
export function cacheFolder(start: string, cwd: string, env: Readonly<Record<string, string | undefined>>): string {
    if (env.HITL_CACHE_DIR) return path.resolve(cwd, env.HITL_CACHE_DIR);
    for (let dir = start; ; dir = path.dirname(dir)) {
        if (existsSync(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules', '.cache', 'hitl');
        if (path.dirname(dir) === dir) break;
    }
    const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
    return path.join(base, 'hitl');
}

/** Keeps the {@link MAX_CACHE_FILES} most recently written files whose names match. */
export async function pruneFolder(folder: string, keep: string, names: RegExp): Promise<void> {
    const found = (await readdir(folder)).filter((name) => names.test(name));
    if (found.length <= MAX_CACHE_FILES) return;
    const dated = await Promise.all(found.map(async (name) => ({ file: path.join(folder, name), time: (await stat(path.join(folder, name)).catch(() => undefined))?.mtimeMs ?? 0 })));
    dated.sort((a, b) => b.time - a.time);
    for (const { file } of dated.slice(MAX_CACHE_FILES)) if (file !== keep) await rm(file, { force: true });
}
