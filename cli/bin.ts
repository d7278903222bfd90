import { writeSync } from 'node:fs';
import { processIsAlive, removeTemporaries, writeFileAtomically } from './atomic-write.js';
import { runCli } from './main.js';
import { removeFolderTemporaries, writeFolderAtomically, type PauseStage } from './output-folder.js';

// The process boundary: real streams, the real file system, the exit code.
const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';

// A reader that stops early (`hitl check | head`) closes the pipe; that is not a crash. Any other
// failure to write the output (a full disk, `> /dev/full`) is an I/O error: exit code 2.
for (const [stream, name] of [
    [process.stdout, 'standard output'],
    [process.stderr, 'standard error'],
] as const) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        if (stream !== process.stderr) process.stderr.write(`hitl: cannot write to ${name} (${error.code ?? error.message})\n`);
        process.exit(2);
    });
}

// An interrupted write must not leave its temporary file behind.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
        removeTemporaries();
        removeFolderTemporaries();
        process.kill(process.pid, signal);
    });
}

void runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    writeFile: (file, text) => writeFileAtomically(file, text, { pid: process.pid, isAlive: processIsAlive }),
    writeFolder: (dir, files) => writeFolderAtomically(dir, files, { pid: process.pid, isAlive: processIsAlive, pause: testPause(process.env.HITL_TEST_COMPILE_PAUSE) }),
    cwd: process.cwd(),
    colour,
    ...(process.stderr.isTTY ? { progress: (text: string) => process.stderr.write(`\r\x1b[K${text}`) } : {}),
    cache: { bundle: __filename, env: process.env },
}).then((code) => {
    process.exitCode = code;
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
