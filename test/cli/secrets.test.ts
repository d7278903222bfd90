import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, hitl, jsonFindings } from './cli.js';

const LEAKY = `${FIXTURES}/secrets/leaky.hitl`;

/** The secrets in the fixture, each with the line it is on, and the part of it that must never be printed. */
const SECRETS = [
    { line: 4, hidden: '4eC39HqLyjWDarjtT1zdp7dc' },
    { line: 8, hidden: 'Q3EGRWQBXN7UVZ5K' },
    { line: 13, hidden: 'R8tYc4WnB6hJd1GsA5eUq0aZ3xK7vLm2pQ9w' },
    { line: 18, hidden: '2048813377-Fq8ZrT2mWc9Ls4VbN7Hd' },
    { line: 25, hidden: '8427519kG7tR2xW9mQ4vZ1cY5nB3hL6pD0s' },
] as const;

/** Every eight-character piece of a secret: a parser message may quote a single token of one. */
function pieces(secret: string): string[] {
    return Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8));
}

describe('secrets never reach the output', () => {
    test.each(['text', 'json', 'sarif', 'github'])('--format %s', (format) => {
        const run = hitl(['check', LEAKY, '--format', format]);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('[redacted]');
        for (const { hidden } of SECRETS) {
            for (const piece of pieces(hidden)) {
                expect(run.stdout).not.toContain(piece);
                expect(run.stderr).not.toContain(piece);
            }
        }
    });

    test('each secret, quoted or not, is reported as security/inline-secret on its line', () => {
        const lines = hitl(['check', LEAKY]).stdout.split('\n');
        for (const { line } of SECRETS) {
            expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${LEAKY}:${line}:\\d+ error security/inline-secret This looks like `)));
        }
    });

    test('the reference and parse errors they cause are kept, with the secret redacted', () => {
        const lines = hitl(['check', LEAKY]).stdout.split('\n');
        expect(lines).toContain(`${LEAKY}:4:17 error reference/unresolved No secret named 'sk_live_…[redacted]'; declare it, or check the spelling.`);
        expect(lines).toContain(`${LEAKY}:8:13 error syntax/parse-error Expected a quoted text but found 'AKIA…[redacted]'.`);
        // A parse error that shows only the start of a token (cut short with '…') does not show the start of a secret either.
        expect(lines).toContain(`${LEAKY}:25:17 error syntax/parse-error Expected a name or a quoted text in a model, but found '…[redacted]…'.`);
    });
});

test('a file full of random tokens gets a short report that repeats none of them', () => {
    // Deterministic pseudo-random tokens of 40 letters and digits, ten a line.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let state = 12345;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) >> 8;
    const tokens = Array.from({ length: 5000 }, () => Array.from({ length: 40 }, () => alphabet[next() % alphabet.length]).join(''));
    const folder = mkdtempSync(path.join(tmpdir(), 'hitl-secrets-'));
    try {
        const file = path.join(folder, 'garbage.hitl');
        writeFileSync(file, tokens.map((token, i) => `${token}${i % 10 === 9 ? '\n' : ' '}`).join(''));
        const run = hitl(['check', file, '--format', 'json']);
        expect(run.code).toBe(1);
        const secrets = jsonFindings(run.stdout).filter((f) => f.code === 'security/inline-secret');
        expect(secrets).toHaveLength(21);
        expect(secrets[20].message).toMatch(/^\d+ more secret-looking tokens from here on are not listed/);
        for (const token of tokens) expect(run.stdout).not.toContain(token.slice(4));
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
});
