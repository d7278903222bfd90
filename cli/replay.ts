import * as path from 'node:path';
import { commandOf, lastRunOutput } from './last-run.js';
import { guardOutputStreams } from './output-streams.js';

// The entry of dist/replay.cjs, which cli/hitl.cjs runs before it loads the CLI's bundle: the
// last run of the same `hitl check`, when nothing it read has changed (cli/last-run.ts).

/** Prints the last run's output and sets its exit code; false when this run has to be made. */
export function replayed(argv: readonly string[]): boolean {
    const output = lastRunOutput(commandOf(argv, path.join(__dirname, 'cli.cjs')), new Date());
    if (!output) return false;
    guardOutputStreams();
    process.stdout.write(output.stdout);
    process.stderr.write(output.stderr);
    process.exitCode = output.code;
    return true;
}
