import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root; reports name files relative to it. */
export const REPO = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');
export const FIXTURES = 'test/fixtures/cli';
/** The Node 22 the project installs; the system node may be older. */
export const NODE = path.join(REPO, 'node_modules', '.bin', 'node');
export const BIN = path.join(REPO, 'cli', 'hitl.cjs');

if (!existsSync(path.join(REPO, 'dist', 'cli.cjs'))) {
    throw new Error('dist/cli.cjs is missing: the CLI tests run the built CLI, so run `npm run build` first (`npm test` does).');
}

export interface Run {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

export interface RunOptions {
    readonly cwd?: string;
    readonly env?: Record<string, string | undefined>;
}

/** Runs `hitl <args>` as a separate process, as a user or a CI job would. */
export function hitl(args: readonly string[], options: RunOptions = {}): Run {
    return run(NODE, [BIN, ...args], options);
}

export function run(command: string, args: readonly string[], options: RunOptions = {}): Run {
    // The check cache goes to the repository's .cache/ (gitignored), not to the node_modules that worktrees share; cache.test.ts tests the default place.
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, HITL_CACHE_DIR: path.join(REPO, '.cache', 'check-cache'), ...options.env };
    const result = spawnSync(command, [...args], {
        cwd: options.cwd ?? REPO,
        env: Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)) as NodeJS.ProcessEnv,
        encoding: 'utf8',
        // A hang fails the test instead of stalling the suite.
        timeout: 60_000,
        // The SARIF of the rule fixtures is about 10 MB.
        maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) throw result.error;
    if (result.status === null) throw new Error(`${command} ${args.join(' ')} ended by ${result.signal}\n${result.stderr}`);
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const packageVersion: string = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;

/** A finding as the JSON format reports it. */
export interface JsonFinding {
    readonly code: string;
    readonly severity: 'error' | 'warning' | 'info';
    readonly message: string;
    readonly path: string;
    readonly region: { start: { line: number; column: number }; end: { line: number; column: number } };
    readonly related: ReadonlyArray<{ path: string; region: JsonFinding['region']; message: string }>;
}

export function jsonFindings(stdout: string): JsonFinding[] {
    return (JSON.parse(stdout) as { files: Array<{ findings: JsonFinding[] }> }).files.flatMap((file) => file.findings);
}

/** Contains an ANSI escape sequence (colour, bold). */
export const ANSI = /\u001b\[/;
