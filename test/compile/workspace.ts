import path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createHitlCoreServices } from '../../language/hitl-module.js';
import { collectHitlFiles, checkFiles } from '../../language/headless/workspace-check.js';
import type { CheckResult } from '../../language/headless/check-result.js';
import { compileModel } from '../../language/compiler/compile-model.js';
import type { HitlModel } from '../../language/model/schema.js';
import { buildWorkspace } from '../services.js';

export const REPO = path.resolve(import.meta.dirname, '../..');

/** A fixed day, so suppression expiry and review currency do not depend on when the tests run. */
export const TODAY = new Date(Date.UTC(2026, 11, 1));

/** Repository-relative display paths with forward slashes, as the CLI shows them. */
export function display(uri: URI): string {
    return path.relative(REPO, uri.fsPath).split(path.sep).join('/');
}

export interface Compiled {
    readonly model: HitlModel;
    readonly result: CheckResult;
    readonly documents: readonly LangiumDocument[];
}

/** Checks the files under `paths` (relative to the repository) as the CLI does, and compiles them with their findings. */
export async function compileFolder(...paths: string[]): Promise<Compiled> {
    const { shared } = createHitlCoreServices({ ...NodeFileSystem, now: () => TODAY });
    const given = paths.map((given) => ({ given, uri: URI.file(path.join(REPO, given)) }));
    const files = await collectHitlFiles(shared.workspace.FileSystemProvider, given);
    const { result, documents } = await checkFiles(shared, { files, display });
    return { model: compileModel(documents, { display, findings: result.files }), result, documents };
}

/** Builds in-memory files (name → text) as one workspace and compiles them, named by file name. */
export async function compileTexts(files: Record<string, string>): Promise<HitlModel> {
    const documents = await buildWorkspace(files);
    return compileModel(documents, { display: (uri) => uri.path.slice(uri.path.lastIndexOf('/') + 1) });
}
