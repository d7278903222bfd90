import { rename, writeFile } from 'node:fs/promises';
import { runCli } from './main.js';

// The process boundary: real streams, the real file system, the exit code.
const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';

void runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // Written beside the target and renamed, so a reader never sees half a report.
    writeFile: async (file, text) => {
        const temporary = `${file}.${process.pid}.tmp`;
        await writeFile(temporary, text, 'utf8');
        await rename(temporary, file);
    },
    cwd: process.cwd(),
    colour,
}).then((code) => {
    process.exitCode = code;
});
