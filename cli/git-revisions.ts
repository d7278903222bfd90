import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../language/settings/config-file.js';
import { UsageError } from './io.js';

/**
 * Reads a revision's workspace files straight from git's object store (`ls-tree` and
 * `cat-file --batch`): no checkout, and the working tree and index are left as they are.
 */

function git(cwd: string, args: readonly string[], input?: Buffer): Buffer {
    const result = spawnSync('git', [...args], { cwd, input, maxBuffer: 1 << 30 });
    if (result.error) throw new UsageError(`cannot run git (${(result.error as NodeJS.ErrnoException).code ?? result.error.message}); 'hitl diff' reads revisions with git`);
    if (result.status !== 0) throw new UsageError(`git ${args[0]}: ${result.stderr.toString().trim()}`);
    return result.stdout;
}

/** The repository's top folder, or undefined outside a repository. */
export function repositoryTop(cwd: string): string | undefined {
    const result = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
    return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Whether `revision` names a commit in the repository at `top`. */
export function isRevision(top: string, revision: string): boolean {
    if (revision.startsWith('-')) return false;
    return spawnSync('git', ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], { cwd: top }).status === 0;
}

/**
 * The .hitl files and the configuration file of a revision, by absolute path (as if checked out
 * at `top`), read in one `cat-file --batch` call.
 */
export function readRevision(top: string, revision: string): Map<string, Uint8Array> {
    if (!isRevision(top, revision)) throw new UsageError(`'${revision}' is not a commit in ${top}`);
    const listing = git(top, ['ls-tree', '-r', '-z', '--full-tree', revision]).toString('utf8');
    const wanted: Array<{ object: string; file: string }> = [];
    for (const entry of listing.split('\0')) {
        // `<mode> blob <object>\t<path>`; submodules (commit) and links (120000) are not files.
        const match = /^100[0-9]{3} blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
        if (!match) continue;
        const file = match[2];
        if (file.endsWith('.hitl') || path.posix.basename(file) === CONFIG_FILE_NAME) wanted.push({ object: match[1], file });
    }
    const files = new Map<string, Uint8Array>();
    if (wanted.length === 0) return files;
    const output = git(top, ['cat-file', '--batch'], Buffer.from(wanted.map((w) => `${w.object}\n`).join('')));
    let offset = 0;
    for (const { file } of wanted) {
        const headerEnd = output.indexOf(0x0a, offset);
        const header = output.subarray(offset, headerEnd).toString('utf8');
        const size = Number(header.split(' ')[2]);
        if (!Number.isInteger(size)) throw new UsageError(`git cat-file: unexpected answer '${header}' for ${file}`);
        files.set(path.posix.join(top.split(path.sep).join('/'), file), output.subarray(headerEnd + 1, headerEnd + 1 + size));
        offset = headerEnd + 1 + size + 1;
    }
    return files;
}
