import { rename, rm, writeFile } from 'node:fs/promises';
import { runCli } from './main.js';

// The process boundary: real streams, the real file system, the exit code.
const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';

// A reader that stops early (`hitl check | head`) closes the pipe; that is not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
});

void runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // Written beside the target and renamed, so a reader never sees half a report;
    // a failed write leaves neither a temporary file nor a partial report behind.
    writeFile: async (file, text) => {
        const temporary = `${file}.${process.pid}.tmp`;
        try {
            await writeFile(temporary, text, 'utf8');
            await rename(temporary, file);
        } catch (error) {
            await rm(temporary, { force: true }).catch(() => undefined);
            throw error;
        }
    },
    cwd: process.cwd(),
    colour,
}).then((code) => {
    process.exitCode = code;
});
