import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { REPO } from '../cli/cli.js';

interface BuildIfStale {
    staleReason(root: string): string | undefined;
    BUILD_OUTPUTS: readonly string[];
}

// A plain .mjs script run by npm before any TypeScript is compiled; typed here by hand.
const script = (await import(pathToFileURL(path.join(REPO, 'cli', 'build-if-stale.mjs')).href)) as BuildIfStale;

let root: string;

/** Writes a file with a given modification time (seconds), so that no test depends on the clock. */
function file(relative: string, seconds: number): void {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, '');
    utimesSync(full, seconds, seconds);
}

beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'hitl-build-'));
    for (const input of ['language/grammar/hitl.langium', 'cli/main.ts', 'docs/rules/flow/dead-end.md', 'package-lock.json']) file(input, 1_000);
    for (const output of script.BUILD_OUTPUTS) file(output, 2_000);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('npm run demo builds only when the build is stale', () => {
    test('a build newer than every input is up to date', () => {
        expect(script.staleReason(root)).toBeUndefined();
    });

    test('generated code is an output, not an input, so building does not make the build stale', () => {
        file('language/generated/ast.ts', 3_000);
        file('language/documentation/generated/rule-docs.ts', 3_000);
        expect(script.staleReason(root)).toBeUndefined();
    });

    test.each(['cli/main.ts', 'docs/rules/flow/dead-end.md', 'package-lock.json', 'server/main.ts'])('an edited %s makes it stale', (input) => {
        file(input, 3_000);
        expect(script.staleReason(root)).toBe(`${input} changed since language/generated/ast.ts was built`);
    });

    test('a missing bundle makes it stale', () => {
        rmSync(path.join(root, 'dist', 'cli.cjs'));
        expect(script.staleReason(root)).toBe('dist/cli.cjs is missing');
    });
});

test('npm run demo goes through the staleness check instead of always building', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.demo).toMatch(/^node cli\/build-if-stale\.mjs && /);
    expect(scripts.demo).not.toContain('npm run build');
});
