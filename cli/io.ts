import type { RunRecorder } from './last-run.js';
import type { OutputFile } from './output-folder.js';

// What a command needs from the process; cli/bin.ts gives the real one.

/** A problem with the command line or the file system: reported on stderr, exit code 2. */
export class UsageError extends Error {}

/** An option's whole number (digits only), at least `minimum`; undefined when not given. */
export function wholeNumber(option: string, given: string | undefined, minimum: number): number | undefined {
    if (given === undefined) return undefined;
    if (!/^\d{1,9}$/.test(given) || Number(given) < minimum) throw new UsageError(`${option} takes a whole number of ${minimum} or more, not '${given}'`);
    return Number(given);
}

export interface CliIo {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
    readonly writeFile: (file: string, text: string) => Promise<void>;
    /** Replaces a folder's content with these files, atomically (cli/output-folder.ts). */
    readonly writeFolder: (dir: string, files: readonly OutputFile[]) => Promise<void>;
    readonly cwd: string;
    readonly colour: boolean;
    /** A status line for long runs, on a terminal only; '' clears it. */
    readonly progress?: (text: string) => void;
    /** Set by the built CLI only: what `hitl check` needs to keep findings across runs (cli/check-cache.ts). */
    readonly cache?: {
        /** The running bundle, hashed into every key. */
        readonly bundle: string;
        readonly env: Readonly<Record<string, string | undefined>>;
    };
    /** Set by the built CLI only: what the run looks at, for the replay of a check (cli/last-run.ts). */
    readonly lastRun?: RunRecorder;
}
