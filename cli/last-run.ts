import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { processIsAlive, writeFileAtomically } from './atomic-write.js';
import { cacheFolder, pruneFolder, stampOf, vouches, type Stamp } from './cache-files.js';

// The last run of a `hitl check`, replayed. A check whose output depends only on its command line
// and on files the run watched (the sources, the folders walked, the configuration, and whether
// the files it looked for exist) is kept with its output. The same command run again, with every
// watched file's stamp unchanged and older than that run (cli/cache-files.ts `vouches`), prints
// that output without loading the checker: no source is read, as `make` does with its targets.
// dist/replay.cjs (cli/replay.ts) holds the reading side alone; cli/hitl.cjs asks it before loading the CLI's bundle.

/** Bumped when the layout of a record changes. */
const FORMAT = 1;
const RECORD_FILE = /^run-[0-9a-f]{16}\.json$/;
/** Outputs beyond this (the SARIF of thousands of findings) are checked again rather than kept twice. */
const MAX_RECORDED_CHARS = 16 * 1024 * 1024;

/** Everything besides the files that the output of a run may depend on. */
export interface RunCommand {
    readonly argv: readonly string[];
    readonly cwd: string;
    readonly env: Readonly<Record<string, string | undefined>>;
    /** Whether the output is styled for a terminal. */
    readonly colour: boolean;
    /** The CLI's bundle: a rebuilt one has another stamp. */
    readonly bundle: string;
}

export interface RunOutput {
    readonly stdout: string;
    readonly stderr: string;
    readonly code: number;
}

/** A path the run looked at: its stamp when its content was read (or a folder listed), or only whether it existed. */
type Watched = readonly [string, Stamp] | readonly [string, boolean];

interface RunRecord extends RunOutput {
    readonly format: number;
    readonly identity: string;
    readonly startedAt: number;
    readonly watched: readonly Watched[];
}

/** How a path counts: by its stamp (read or listed), or only by whether it exists (probed). */
export type WatchKind = 'content' | 'presence';

/**
 * The output of the last run of this command, or undefined when it cannot stand for a run now:
 * no record, another command, environment, day or build, or a watched path that changed.
 */
export function lastRunOutput(command: RunCommand, now: Date): RunOutput | undefined {
    if (command.argv[0] !== 'check') return undefined;
    const identity = identityOf(command, now);
    let record: RunRecord;
    try {
        const [hash, body] = readFileSync(recordFile(command, identity), 'utf8').split('\n', 2);
        if (body === undefined || sha256(body) !== hash) return undefined;
        record = JSON.parse(body) as RunRecord;
    } catch {
        return undefined;
    }
    if (record.format !== FORMAT || record.identity !== identity) return undefined;
    for (const [file, then] of record.watched) {
        const now = stampAt(file);
        const same = typeof then === 'boolean' ? (now !== undefined) === then : now !== undefined && vouches(now, then, record.startedAt);
        if (!same) return undefined;
    }
    return { stdout: record.stdout, stderr: record.stderr, code: record.code };
}

/** Collects what a run looks at, and keeps its output when the command says it may be replayed. */
/** What a run prints, kept for its record while it stays within the size a record may have: past that, nothing is held. */
export class PrintedOutput {
    private readonly kept = { stdout: [] as string[], stderr: [] as string[] };
    private chars = 0;

    add(stream: 'stdout' | 'stderr', text: string): void {
        this.chars += text.length;
        if (this.chars > MAX_RECORDED_CHARS) {
            this.kept.stdout.length = 0;
            this.kept.stderr.length = 0;
        } else {
            this.kept[stream].push(text);
        }
    }

    /** The whole output with the exit code; undefined when it grew past what a record keeps. */
    output(code: number): RunOutput | undefined {
        if (this.chars > MAX_RECORDED_CHARS) return undefined;
        return { stdout: this.kept.stdout.join(''), stderr: this.kept.stderr.join(''), code };
    }
}

export class RunRecorder {
    private readonly startedAt: Date;
    private readonly content = new Set<string>();
    private readonly presence = new Map<string, boolean>();
    private replayable = false;

    constructor(
        private readonly command: RunCommand,
        now: Date,
    ) {
        this.startedAt = now;
    }

    /** A path read or listed (its stamp is taken when the run ends), or probed (what the probe answered then). */
    watch(file: string, kind: WatchKind, exists = true): void {
        if (kind === 'content') this.content.add(file);
        else if (!this.presence.has(file)) this.presence.set(file, exists);
    }

    /** Called by a command whose output depends on nothing but its command line and the watched paths. */
    allowReplay(): void {
        this.replayable = true;
    }

    /** Keeps the output for the next run of the same command; any failure only costs that run its shortcut. */
    async save(output: RunOutput): Promise<void> {
        if (!this.replayable || (output.code !== 0 && output.code !== 1) || output.stdout.length + output.stderr.length > MAX_RECORDED_CHARS) return;
        const identity = identityOf(this.command, this.startedAt);
        const file = recordFile(this.command, identity);
        try {
            // Before the stamps: the folder may lie in one the run watched.
            mkdirSync(path.dirname(file), { recursive: true });
        } catch {
            return;
        }
        const watched: Watched[] = [];
        for (const file of [...this.content].sort()) {
            const stamp = stampAt(file);
            // Gone since it was read: the output cannot be checked against it.
            if (stamp === undefined) return;
            watched.push([file, stamp]);
        }
        for (const [file, exists] of [...this.presence].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (!this.content.has(file)) watched.push([file, exists]);
        const record: RunRecord = { format: FORMAT, identity, startedAt: this.startedAt.getTime(), watched, ...output };
        const body = JSON.stringify(record);
        try {
            await writeFileAtomically(file, `${sha256(body)}\n${body}`, { pid: process.pid, isAlive: processIsAlive });
            await pruneFolder(path.dirname(file), file, RECORD_FILE);
        } catch {
            // read-only or full: the next run checks as if this one never happened
        }
    }
}

/** This process's command: the same for a run (cli/bin.ts) and for its replay (cli/replay.ts). */
export function commandOf(argv: readonly string[], bundle: string): RunCommand {
    const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
    return { argv, cwd: process.cwd(), env: process.env, colour, bundle };
}

function identityOf(command: RunCommand, now: Date): string {
    // hitl reads its own settings from HITL_* variables only (the cache folder, test hooks).
    const env = Object.keys(command.env)
        .filter((name) => name.startsWith('HITL_'))
        .sort()
        .map((name) => [name, command.env[name]]);
    return JSON.stringify({ bundle: command.bundle, build: stampAt(command.bundle) ?? null, argv: command.argv, cwd: command.cwd, env, colour: command.colour, today: now.toISOString().slice(0, 10) });
}

function recordFile(command: RunCommand, identity: string): string {
    return path.join(cacheFolder(command.cwd, command.cwd, command.env), 'last-runs', `run-${sha256(identity).slice(0, 16)}.json`);
}

function stampAt(file: string): Stamp | undefined {
    try {
        return stampOf(statSync(file));
    } catch {
        return undefined;
    }
}

function sha256(text: string): string {
    return createHash('sha256').update(text).digest('hex');
}
