import { existsSync, statSync } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { URI, type LangiumSharedCoreServices } from 'langium';
import { createHitlCoreServices, type HitlCoreServices } from '../language/hitl-module.js';
import type { ConfigProblem } from '../language/settings/config-file.js';
import { ignoreMatcher } from '../language/settings/ignore-patterns.js';
import { readConfig, type LoadedConfig } from '../language/workspace/workspace-config.js';
import { findWorkspace } from '../language/workspace/workspace-root.js';
import { parseDate } from '../language/util/quantities.js';
import type { FileResult, Finding } from '../language/headless/check-result.js';
import { checkFiles, collectHitlFiles, type GivenPath, type IgnoredPath, type SourceFile } from '../language/headless/workspace-check.js';
import { cacheFolder } from './cache-files.js';
import { CheckCache, toolIdentity } from './check-cache.js';
import type { CheckWorkerSetup } from './check-worker.js';
import { checkOnWorkers, jobsFor } from './check-workers.js';
import { UsageError, wholeNumber, type CliIo } from './io.js';
import { BoundedNodeFileSystemProvider, isInside } from './node-file-system.js';

// The workspace every command reads: the files given, the folder around them, the configuration.

export const WORKSPACE_OPTIONS = {
    workspace: { type: 'string', short: 'w', multiple: true },
    output: { type: 'string', short: 'o' },
    config: { type: 'string', short: 'c' },
    today: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
} as const;


export interface WorkspaceValues {
    readonly workspace?: string[];
    readonly config?: string;
    readonly today?: string;
    readonly output?: string;
}

interface LoadOptions {
    /** Reuse and keep findings across runs (check only); needs `io.cache`. */
    readonly cache?: { readonly version: string };
    /** Check on worker threads (check only): `--jobs` if given, else as many as pay off (cli/check-workers.ts). */
    readonly parallel?: { readonly jobs: number | undefined };
    /** Validate the files loaded around the paths given too (their findings count for the compliance report). */
    readonly validateContext?: boolean;
    /** Report the findings of every file loaded, not only of the paths given (compile refuses a workspace with errors). */
    readonly reportContext?: boolean;
}

/**
 * Collects the files, reads the configuration and builds the workspace: the common part of check,
 * report and compile. The workspace is found as the editor finds it (see `findWorkspace`) from
 * the paths given, and all its .hitl files are loaded so that references resolve; findings are
 * reported for the paths given. A configuration problem is a `config/invalid` finding, and the
 * check goes on with what could be read and the defaults.
 */
export async function loadWorkspace(positionals: readonly string[], values: WorkspaceValues, io: CliIo, options: LoadOptions = {}) {
    const inputs = positionals.length > 0 ? positionals : ['.'];
    const absoluteInputs = inputs.map((input) => path.resolve(io.cwd, input));
    const start = commonFolder(absoluteInputs);
    const { shared, Hitl, location, config } = await openWorkspace(start, values, io);
    const fileSystem = shared.workspace.FileSystemProvider;
    const displayRoot = repositoryRoot(io.cwd, (file) => fileSystem.existsSync(URI.file(file)));
    const ignored = ignoredPaths(config);
    // Paths that the workspace ignores (test fixtures, say) are not part of it: they form a workspace of their own.
    const root = ignored && absoluteInputs.every((input) => ignored(URI.file(input))) ? start : location.root.fsPath;
    const given = (paths: readonly string[]): GivenPath[] => paths.map((p) => ({ given: p, uri: URI.file(path.resolve(io.cwd, p)) }));
    const files = await collectHitlFiles(fileSystem, given(inputs), { ignored });
    if (files.length === 0) throw new UsageError(`no .hitl files found in ${inputs.join(', ')}`);
    const context = [
        ...(await collectHitlFiles(fileSystem, given([root]), { ignored, skipUnreadable: true })),
        ...(values.workspace ? await collectHitlFiles(fileSystem, given(values.workspace), { ignored }) : []),
    ];
    const read = [...files, ...context].map((uri) => uri.fsPath);
    // Every source counts for the output, whether the cache reads it or not.
    for (const file of read) io.lastRun?.watch(file, 'content');
    if (values.output !== undefined) await checkOutputPath(path.resolve(io.cwd, values.output), values.output, [...read, ...(config.file ? [config.file] : [])]);
    const display = (uri: URI) => displayPath(displayRoot, uri.fsPath);
    const checked = options.reportContext ? uniqueUris([...files, ...context]) : files;
    const cache = options.cache && io.cache && (await openCache(options.cache.version, io, root, displayRoot, Hitl.governance.Clock.today(), config, display));
    const reportedUris = new Set(files.map((uri) => uri.toString()));
    const unchanged = await cache?.unchanged(uniqueUris([...checked, ...context]), new Set(checked.map(String)));
    const setup = { settings: config.settings, today: Hitl.governance.Clock.today().toISOString(), displayRoot };
    const checkElsewhere = options.parallel && onWorkers(options.parallel.jobs, setup, display, cache, io);
    const { result, documents } = unchanged
        ? { result: { files: unchanged }, documents: [] }
        : await checkFiles(shared, { files: checked, context, display, validateContext: options.validateContext, cache, checkElsewhere });
    if (!unchanged) await cache?.save();
    const configFindings = config.file && config.problems.length > 0 ? [configFileResult(displayPath(displayRoot, config.file), config.problems)] : [];
    const sources = uniqueUris([...files, ...context]);
    return { result: { files: [...configFindings, ...result.files] }, documents, root: displayRoot, reportedUris, config, workspaceRoot: root, sources, fileSystem };
}

/** Checks the sources on worker threads when that pays off; `HITL_TEST_CHECK_WORKER_HEAP_MB` caps each worker's heap (test/cli/check-jobs.test.ts). */
function onWorkers(given: number | undefined, setup: CheckWorkerSetup, display: (uri: URI) => string, cache: CheckCache | undefined, io: CliIo) {
    return async (sources: readonly SourceFile[], reported: ReadonlySet<string>) => {
        const jobs = jobsFor(given, sources.reduce((sum, source) => sum + (source.text?.length ?? 0), 0));
        if (jobs <= 1) return undefined;
        const heapMb = wholeNumber('HITL_TEST_CHECK_WORKER_HEAP_MB', io.cache?.env.HITL_TEST_CHECK_WORKER_HEAP_MB, 1);
        return checkOnWorkers(sources, reported, { jobs, setup, display, cache, heapMb });
    };
}

/** The cache of this workspace; its salt holds what every finding may depend on besides the sources. */
async function openCache(version: string, io: CliIo, workspaceRoot: string, displayRoot: string, today: Date, config: CliConfig, display: (uri: URI) => string): Promise<CheckCache> {
    // The configuration as it was read (through the bounded file system: a pipe there cannot hang
    // the run), not its text again: what findings depend on is the settings and the problems.
    const salt = JSON.stringify({ today: today.toISOString().slice(0, 10), displayRoot, config: config.file ?? null, settings: config.settings, problems: config.problems });
    const host = io.cache!;
    return CheckCache.open({ folder: cacheFolder(workspaceRoot, io.cwd, host.env), workspaceRoot, tool: toolIdentity(version, host.bundle), salt, display });
}

function uniqueUris(uris: readonly URI[]): URI[] {
    return [...new Map(uris.map((uri) => [uri.toString(), uri])).values()];
}

/** Services over the bounded file system, the workspace found from `start`, and its configuration applied. */
export async function openWorkspace(start: string, values: Pick<WorkspaceValues, 'config' | 'today'>, io: CliIo) {
    const fileSystem = new BoundedNodeFileSystemProvider('refuse', io.lastRun);
    const { shared, Hitl } = createHitlCoreServices({ now: () => new Date(), fileSystemProvider: () => fileSystem });
    const location = await findWorkspace(fileSystem, URI.file(start));
    fileSystem.restrictTo([location.root]);
    const config = await configure(Hitl, shared, values, location.configFile, io);
    return { shared, Hitl, location, config };
}

/** For the commands whose output has no place for findings: the configuration's problems on stderr. */
export function printConfigProblems(config: CliConfig, io: CliIo): void {
    for (const problem of config.problems) io.stderr(`${displayPath(repositoryRoot(io.cwd), config.file!)}:${problem.line}:${problem.column} error config/invalid ${problem.message}\n`);
}

export interface CliConfig extends LoadedConfig {
    /** The configuration file read, if any. */
    readonly file?: string;
}

/** Applies hitl.config.yaml (given, or found with the workspace) and --today. */
async function configure(services: HitlCoreServices, shared: LangiumSharedCoreServices, values: Pick<WorkspaceValues, 'config' | 'today'>, found: URI | undefined, io: CliIo): Promise<CliConfig> {
    if (values.today !== undefined) {
        const date = parseDate(values.today);
        if (!date) throw new UsageError(`--today takes a date such as 2027-03-31, not '${values.today}'`);
        services.governance.Clock.fix(date);
    }
    const file = values.config !== undefined ? path.resolve(io.cwd, values.config) : found?.fsPath;
    if (file === undefined) return { settings: {}, problems: [] };
    // A config named on the command line must exist; one that is there but unreadable is a finding like any other problem.
    if (values.config !== undefined && !(await exists(file))) throw new UsageError(`${values.config}: no such configuration file`);
    const config = await readConfig(shared.workspace.FileSystemProvider, URI.file(file));
    services.governance.RuleSettings.configure(config.settings);
    return { ...config, file };
}

function configFileResult(shownPath: string, problems: readonly ConfigProblem[]): FileResult {
    const findings: Finding[] = problems.map((problem) => {
        const position = { line: problem.line, column: problem.column };
        return { code: 'config/invalid', severity: 'error', message: problem.message, path: shownPath, region: { start: position, end: position }, related: [] };
    });
    return { path: shownPath, findings };
}


/** Ignore patterns are relative to the folder of the config file that holds them. */
export function ignoredPaths(config: CliConfig): IgnoredPath | undefined {
    const patterns = config.settings.ignore ?? [];
    if (!config.file || patterns.length === 0) return undefined;
    const base = path.dirname(config.file);
    const matches = ignoreMatcher(patterns);
    return (uri) => {
        const absolute = uri.fsPath;
        return absolute !== base && isInside(base, absolute) && matches(path.relative(base, absolute).split(path.sep).join('/'));
    };
}

/**
 * `-o` must never destroy what it reads or replace what is not a plain file: it refuses a path that
 * is one of the inputs (also through a hard link), a symbolic link, a pipe, a device or a folder.
 */
export async function checkOutputPath(absolute: string, given: string, inputs: readonly string[]): Promise<void> {
    let info;
    try {
        info = await lstat(absolute);
    } catch {
        return; // a new file
    }
    if (info.isSymbolicLink()) throw new UsageError(`${given}: is a symbolic link; -o writes only to a new file or a regular file`);
    if (!info.isFile()) throw new UsageError(`${given}: is not a regular file; -o writes only to a new file or a regular file`);
    for (const input of inputs) {
        const other = await stat(input).catch(() => undefined);
        if (other && other.ino === info.ino && other.dev === info.dev) {
            throw new UsageError(`${given}: is one of the files being checked; choose another output file`);
        }
    }
}

export async function exists(file: string): Promise<boolean> {
    return stat(file).then(
        () => true,
        () => false,
    );
}

/** The deepest folder holding all the given paths: where the workspace is looked for. */
function commonFolder(paths: readonly string[]): string {
    const folderOf = (p: string) => (existsSync(p) && statSync(p).isDirectory() ? p : path.dirname(p));
    let common = folderOf(paths[0]);
    for (const other of paths.slice(1).map(folderOf)) {
        while (!isInside(common, other)) common = path.dirname(common);
    }
    return common;
}

/** Digits only: `Number()` would also take '', '1e3' and '0x10'. */
export function parseMaxWarnings(given: string | undefined): number | undefined {
    if (given === undefined) return undefined;
    if (!/^\d+$/.test(given)) throw new UsageError(`--max-warnings takes a whole number of 0 or more, not '${given}'`);
    return Number(given);
}


export async function writeReport(io: CliIo, output: string, report: string): Promise<void> {
    try {
        await io.writeFile(path.resolve(io.cwd, output), report);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        throw new UsageError(`${output}: cannot write the report (${code})`);
    }
}


/** Relative to the root with forward slashes; files outside the root keep their absolute path. */
export function displayPath(root: string, absolute: string): string {
    const relative = path.relative(root, absolute);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return absolute.split(path.sep).join('/');
    return relative.split(path.sep).join('/');
}

/**
 * Paths in reports are relative to the repository root (the nearest folder with `.git`),
 * as code scanning expects; outside a repository, to the working directory.
 */
export function repositoryRoot(cwd: string, exists: (file: string) => boolean = existsSync): string {
    for (let dir = cwd; ; dir = path.dirname(dir)) {
        if (exists(path.join(dir, '.git'))) return dir;
        if (path.dirname(dir) === dir) return cwd;
    }
}
