import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { isInside } from './node-file-system.js';
import { OutputFolderError } from './output-folder.js';

// The file-system side of `hitl compile` (cli/main.ts runs the command): where the output folder
// may be, and the build date. What goes into it is language/headless/output-folder-files.ts.

/** Relative to `root` with forward slashes (`..` segments for a file outside it): the same on every machine and from every folder. */
export function relativePath(root: string, absolute: string): string {
    return path.relative(root, absolute).split(path.sep).join('/');
}

/**
 * The date of `SOURCE_DATE_EPOCH` (reproducible-builds.org: whole seconds since 1970, UTC) as
 * YYYY-MM-DD; undefined when the value is not such a number.
 */
export function sourceDate(epoch: string): string | undefined {
    if (!/^\d{1,15}$/.test(epoch)) return undefined;
    const date = new Date(Number(epoch) * 1000);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

/**
 * The output folder is replaced as a whole, so it must not be, or hold, anything compile reads:
 * not the workspace root or a folder above it, and no source or configuration inside it.
 * Compared both as given and with links resolved.
 */
export function checkOutputPlacement(out: string, given: string, workspace: { readonly root: string; readonly inputs: readonly string[]; readonly show: (file: string) => string }): void {
    const outs = [out, resolveExisting(out)];
    for (const candidate of outs) {
        for (const root of [workspace.root, resolveExisting(workspace.root)]) {
            if (isInside(candidate, root)) throw new OutputFolderError(`${given}: is the workspace root or a folder above it; choose a folder of its own, such as build/deploy`);
        }
        for (const input of workspace.inputs) {
            for (const file of [input, resolveExisting(input)]) {
                if (isInside(candidate, file)) throw new OutputFolderError(`${given}: holds ${workspace.show(input)}, which this compile reads; choose a folder of its own, such as build/deploy`);
            }
        }
    }
}

/** The real path of the longest part of `target` that exists, with the rest appended. */
function resolveExisting(target: string): string {
    const rest: string[] = [];
    for (let current = target; ; current = path.dirname(current)) {
        try {
            return path.join(realpathSync(current), ...rest.reverse());
        } catch {
            if (path.dirname(current) === current) return target;
            rest.push(path.basename(current));
        }
    }
}
