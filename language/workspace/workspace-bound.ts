import type { URI } from 'langium';

/**
 * A file system that can be told where the workspace is, so that it follows no symbolic link out
 * of it. The language server tells it at start-up; the core never needs to know which one it has.
 */
export interface WorkspaceBoundFileSystem {
    restrictTo(roots: readonly URI[]): void;
}

export function isWorkspaceBound(value: unknown): value is WorkspaceBoundFileSystem {
    return typeof (value as Partial<WorkspaceBoundFileSystem> | undefined)?.restrictTo === 'function';
}
