import { UriUtils, type FileSystemProvider, type URI } from 'langium';
import { CONFIG_FILE_NAME } from '../settings/config-file.js';

export interface WorkspaceLocation {
    /** The folder whose .hitl files make up the workspace. */
    readonly root: URI;
    /** `hitl.config.yaml` at the root, when there is one. */
    readonly configFile?: URI;
}

/**
 * Where a workspace begins, the same for the CLI and the editor: the nearest folder, from `start`
 * up to the repository root (the nearest folder with `.git`), that holds `hitl.config.yaml`; else
 * the repository root; else `start` itself.
 */
export async function findWorkspace(fileSystem: Pick<FileSystemProvider, 'exists'>, start: URI): Promise<WorkspaceLocation> {
    for (let folder = start; ; folder = UriUtils.dirname(folder)) {
        const configFile = UriUtils.joinPath(folder, CONFIG_FILE_NAME);
        if (await fileSystem.exists(configFile)) return { root: folder, configFile };
        if (await fileSystem.exists(UriUtils.joinPath(folder, '.git'))) return { root: folder };
        if (UriUtils.equals(UriUtils.dirname(folder), folder)) return { root: start };
    }
}
