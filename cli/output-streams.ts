// A reader that stops early (`hitl check | head`) closes the pipe; that is not a crash. Any other
// failure to write the output (a full disk, `> /dev/full`) is an I/O error: exit code 2.
export function guardOutputStreams(): void {
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
}
