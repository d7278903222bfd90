import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ANSI, BIN, FIXTURES, NODE, hitl, run } from './cli.js';

const FINDINGS = `${FIXTURES}/findings`;

// util-linux `script` runs a command on a pseudo-terminal, so the CLI sees a TTY on stdout.
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function onTerminal(args: readonly string[], env: Record<string, string | undefined> = {}) {
    const command = [NODE, BIN, ...args].map(quote).join(' ');
    return run('script', ['-qec', command, '/dev/null'], { env: { TERM: 'xterm-256color', ...env } });
}

describe('colour', () => {
    test('none when the output is piped', () => {
        const piped = hitl(['check', FINDINGS], { env: { TERM: 'xterm-256color' } });
        expect(piped.code).toBe(1);
        expect(piped.stdout).toContain('error');
        expect(piped.stdout).not.toMatch(ANSI);
    });

    test.runIf(hasScript)('severities are coloured on a terminal', () => {
        const terminal = onTerminal(['check', FINDINGS]);
        expect(terminal.code).toBe(1);
        expect(terminal.stdout).toMatch(ANSI);
        expect(terminal.stdout).toContain('\u001b[31merror\u001b[39m');
        expect(terminal.stdout).toContain('\u001b[33mwarning\u001b[39m');
        // The colour wraps the words only; stripped, the lines are those of a pipe.
        const stripped = terminal.stdout.replace(/\u001b\[[0-9;]*m/g, '').replace(/\r\n/g, '\n');
        expect(stripped).toBe(hitl(['check', FINDINGS]).stdout);
    });

    test.runIf(hasScript)('none on a terminal when NO_COLOR is set', () => {
        const terminal = onTerminal(['check', FINDINGS], { NO_COLOR: '1' });
        expect(terminal.code).toBe(1);
        expect(terminal.stdout).toContain('error');
        expect(terminal.stdout).not.toMatch(ANSI);
    });

    test.runIf(hasScript)('none in machine formats, even on a terminal', () => {
        for (const format of ['json', 'sarif', 'github']) {
            expect(onTerminal(['check', FINDINGS, '--format', format]).stdout).not.toMatch(ANSI);
        }
    });

    test.runIf(hasScript)('none in a report written with --output from a terminal', () => {
        const scratch = mkdtempSync(path.join(tmpdir(), 'hitl-colour-'));
        try {
            const file = path.join(scratch, 'report.txt');
            expect(onTerminal(['check', FINDINGS, '--output', file]).code).toBe(1);
            expect(readFileSync(file, 'utf8')).toBe(hitl(['check', FINDINGS]).stdout);
        } finally {
            rmSync(scratch, { recursive: true, force: true });
        }
    });
});
