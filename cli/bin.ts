import { processIsAlive, removeTemporaries, writeFileAtomically } from './atomic-write.js';
import { runCli } from './main.js';

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
        process.kill(process.pid, signal);
    });
}

void runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    writeFile: (file, text) => writeFileAtomically(file, text, { pid: process.pid, isAlive: processIsAlive }),
    cwd: process.cwd(),
    colour,
}).then((code) => {
    process.exitCode = code;
});
