import * as path from 'node:path';
import { URI } from 'langium';
import type { CheckResult, Finding } from '../language/headless/check-result.js';
import { partialFingerprints } from '../language/headless/formats/sarif.js';
import { MemoryFileSystemProvider } from '../language/headless/memory-file-system.js';
import { checkFiles, collectHitlFiles, WorkspaceError } from '../language/headless/workspace-check.js';
import { createHitlCoreServices } from '../language/hitl-module.js';
import { CONFIG_FILE_NAME } from '../language/settings/config-file.js';
import { readConfig } from '../language/workspace/workspace-config.js';
import { readRevision, repositoryTop } from './git-revisions.js';
import { UsageError } from './io.js';
import { displayPath, ignoredPaths, repositoryRoot } from './workspace.js';

export interface BaselineComparison {
    /** The findings the change introduces: not in the baseline revision. */
    readonly result: CheckResult;
    /** The baseline's findings that are gone. */
    readonly fixed: readonly Finding[];
}

/**
 * `hitl check --baseline REV`: checks the same paths as they are in REV (read from git, nothing
 * checked out) and keeps the findings whose SARIF fingerprint REV does not have; REV's findings
 * whose fingerprint is gone are the fixed ones.
 */
export async function againstBaseline(current: CheckResult, revision: string, inputs: readonly string[], cwd: string, now: () => Date): Promise<BaselineComparison> {
    const top = repositoryTop(cwd);
    if (!top) throw new UsageError(`--baseline needs a git repository; ${cwd} is not in one`);
    const fileSystem = new MemoryFileSystemProvider(readRevision(top, revision));
    const { shared, Hitl } = createHitlCoreServices({ now, fileSystemProvider: () => fileSystem });
    const configFile = URI.file(path.join(top, CONFIG_FILE_NAME));
    const config = (await fileSystem.exists(configFile)) ? { ...(await readConfig(fileSystem, configFile)), file: configFile.fsPath } : { settings: {}, problems: [] };
    Hitl.governance.RuleSettings.configure(config.settings);
    const ignored = ignoredPaths(config);
    const files: URI[] = [];
    for (const input of inputs.length > 0 ? inputs : ['.']) {
        // A path the change adds is not in the baseline: everything in it is new.
        const found = await collectHitlFiles(fileSystem, [{ given: input, uri: URI.file(path.resolve(cwd, input)) }], { ignored }).catch((error: unknown) => {
            if (error instanceof WorkspaceError) return [];
            throw error;
        });
        files.push(...found);
    }
    const context = await collectHitlFiles(fileSystem, [{ given: top, uri: URI.file(top) }], { ignored, skipUnreadable: true });
    const root = repositoryRoot(cwd);
    const { result: before } = await checkFiles(shared, { files, context, display: (uri) => displayPath(root, uri.fsPath) });
    const [was, is] = [partialFingerprints(before), partialFingerprints(current)];
    const [wasSet, isSet] = [new Set(was.values()), new Set(is.values())];
    const result = { files: current.files.map((file) => ({ ...file, findings: file.findings.filter((finding) => !wasSet.has(is.get(finding)!)) })) };
    const fixed = before.files.flatMap((file) => file.findings.filter((finding) => !isSet.has(was.get(finding)!)));
    return { result, fixed };
}

/** The fixed findings, for the text report. */
export function fixedText(fixed: readonly Finding[], revision: string): string {
    if (fixed.length === 0) return `No finding of ${revision} was fixed.\n`;
    const lines = fixed.map((f) => `  ${f.path}:${f.region.start.line}:${f.region.start.column} ${f.code} ${f.message}`);
    return `Fixed since ${revision} (${fixed.length}):\n${lines.join('\n')}\n`;
}
