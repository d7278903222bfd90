import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { URI, type FileSystemProvider } from 'langium';
import { compileModel } from '../language/compiler/index.js';
import { MemoryFileSystemProvider } from '../language/headless/memory-file-system.js';
import { checkFiles, collectHitlFiles } from '../language/headless/workspace-check.js';
import { createHitlCoreServices } from '../language/hitl-module.js';
import type { HitlModel } from '../language/model/schema.js';
import { CONFIG_FILE_NAME } from '../language/settings/config-file.js';
import type { RuleSettingsInput } from '../language/settings/rule-settings.js';
import { readConfig } from '../language/workspace/workspace-config.js';
import { isRevision, readRevision, repositoryTop } from './git-revisions.js';
import { UsageError } from './io.js';
import { BoundedNodeFileSystemProvider } from './node-file-system.js';
import { displayPath, ignoredPaths } from './workspace.js';

/** One side of a comparison: a git revision, the working tree or a folder, as a file system and its root. */
export interface Side {
    /** As the user named it: `main`, `HEAD~1`, `the working tree`, `old/`. */
    readonly label: string;
    readonly fileSystem: FileSystemProvider;
    readonly root: string;
}

/**
 * What BASE or HEAD names: a folder (taken as it is on disk), else a git revision of the
 * repository around the working directory; no HEAD argument is the working tree.
 */
export function sideOf(given: string | undefined, cwd: string): Side {
    if (given === undefined) {
        const top = repositoryTop(cwd);
        if (!top) throw new UsageError(`${cwd} is not in a git repository; name two folders or two revisions`);
        return { label: 'the working tree', fileSystem: boundedTo(top), root: top };
    }
    const folder = path.resolve(cwd, given);
    if (existsSync(folder) && statSync(folder).isDirectory()) return { label: given, fileSystem: boundedTo(folder), root: folder };
    const top = repositoryTop(cwd);
    if (!top) throw new UsageError(`'${given}' is neither a folder nor a revision (${cwd} is not in a git repository)`);
    if (!isRevision(top, given)) throw new UsageError(`'${given}' is neither a folder nor a commit of the repository at ${top}`);
    return { label: given, fileSystem: new MemoryFileSystemProvider(readRevision(top, given)), root: top };
}

function boundedTo(root: string): FileSystemProvider {
    const fileSystem = new BoundedNodeFileSystemProvider('refuse');
    fileSystem.restrictTo([URI.file(root)]);
    return fileSystem;
}

/** A side's .hitl files as `hitl check` would collect them at its root, where its own hitl.config.yaml applies. */
export interface OpenedSide {
    readonly side: Side;
    readonly files: readonly URI[];
    readonly display: (uri: URI) => string;
    readonly settings: RuleSettingsInput;
}

export async function openSide(side: Side): Promise<OpenedSide> {
    const configFile = URI.file(path.join(side.root, CONFIG_FILE_NAME));
    const config = (await side.fileSystem.exists(configFile)) ? { ...(await readConfig(side.fileSystem, configFile)), file: configFile.fsPath } : { settings: {}, problems: [] };
    const files = await collectHitlFiles(side.fileSystem, [{ given: side.label, uri: URI.file(side.root) }], { ignored: ignoredPaths(config), skipUnreadable: true });
    const display = (uri: URI) => displayPath(side.root, uri.fsPath);
    return { side, files, display, settings: config.settings };
}

/**
 * Checks and compiles every file of a side: the findings, suppressed ones included (for
 * `change/suppression-added`), are attached to the model's elements.
 */
export async function compileSide(opened: OpenedSide, now: () => Date): Promise<HitlModel> {
    const { shared, Hitl } = createHitlCoreServices({ now, fileSystemProvider: () => opened.side.fileSystem });
    Hitl.governance.RuleSettings.configure(opened.settings);
    const { result, documents } = await checkFiles(shared, { files: opened.files, display: opened.display });
    return compileModel(documents, { display: opened.display, findings: result.files });
}
