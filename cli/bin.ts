import { writeSync } from 'node:fs';
import { processIsAlive, removeTemporaries, writeFileAtomically } from './atomic-write.js';
import { commandOf, PrintedOutput, RunRecorder } from './last-run.js';
import { runCli } from './main.js';
import { guardOutputStreams } from './output-streams.js';
import { removeFolderTemporaries, writeFolderAtomically, type PauseStage } from './output-folder.js';

// The process boundary: real streams, the real file system, the exit code.
guardOutputStreams();
const command = commandOf(process.argv.slice(2), __filename);
// What the run prints, kept for its replay when the command allows it (cli/last-run.ts).
const lastRun = new RunRecorder(command, new Date());
const printed = new PrintedOutput();

// An interrupted write must not leave its temporary file behind.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
        removeTemporaries();
        removeFolderTemporaries();
        process.kill(process.pid, signal);
    });
}

void runCli(command.argv, {
    stdout: (text) => {
        printed.add('stdout', text);
        process.stdout.write(text);
    },
    stderr: (text) => {
        printed.add('stderr', text);
        process.stderr.write(text);
    },
    writeFile: (file, text) => writeFileAtomically(file, text, { pid: process.pid, isAlive: processIsAlive }),
    writeFolder: (dir, files) => writeFolderAtomically(dir, files, { pid: process.pid, isAlive: processIsAlive, pause: testPause(process.env.HITL_TEST_COMPILE_PAUSE) }),
    cwd: command.cwd,
    colour: command.colour,
    ...(process.stderr.isTTY ? { progress: (text: string) => process.stderr.write(`\r\x1b[K${text}`) } : {}),
    cache: { bundle: __filename, env: process.env },
    lastRun,
}).then(async (code) => {
    process.exitCode = code;
    const output = printed.output(code);
    if (output) await lastRun.save(output);
});

/**
 * Test hook for the kill tests (test/cli/compile.test.ts): `HITL_TEST_COMPILE_PAUSE=<stage>:<ms>`
 * stops a compile's write at that stage ('file' after each file, 'swap' before the swap, 'aside'
 * between its two renames), saying so on stderr first. Blocking on purpose: nothing else may run.
 */
function testPause(setting: string | undefined): ((stage: PauseStage) => void) | undefined {
    const match = /^(file|swap|aside):(\d+)$/.exec(setting ?? '');
    if (!match) return undefined;
    const [, wanted, ms] = match;
    return (stage) => {
        if (stage !== wanted) return;
        writeSync(2, `hitl-test: paused at ${stage}\n`);
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(ms));
    };
}
