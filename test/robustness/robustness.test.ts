import { beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { MAX_SOURCE_BYTES } from '../../language/parser/guarded-parser.js';
import { MAX_SYNTAX_DIAGNOSTICS } from '../../language/validation/document-validator.js';
import { malformedDiagnostics, readSamples, ReusedServices, seededBytes } from './harness.js';

// Hostile and degenerate input through parse and full validation, in one process and one set of
// services: each input must give diagnostics (never an exception or a hang), and the real samples
// must check exactly as before afterwards.

const reused = new ReusedServices();

const WORKFLOW_SAMPLE = 'credit-limit-increase.hitl';
/** The samples, with one known mistake planted so that validation visibly runs: a zero SLA. */
const samples = readSamples();
const planted = plantZeroSla(samples[WORKFLOW_SAMPLE]);
const checkedSamples = { ...samples, [WORKFLOW_SAMPLE]: planted.text };

function plantZeroSla(text: string): { text: string; line: number } {
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /^\s*sla\s+\d+[a-z]+\s*$/.test(l));
    if (line < 0) throw new Error(`${WORKFLOW_SAMPLE} has no 'sla' line to plant a mistake in`);
    lines[line] = lines[line].replace(/\d+[a-z]+/, '0d');
    return { text: lines.join('\n'), line };
}

type Essentials = Array<Pick<Diagnostic, 'code' | 'severity' | 'message' | 'range'>>;
const essentials = (diagnostics: readonly Diagnostic[]): Essentials =>
    diagnostics.map(({ code, severity, message, range }) => ({ code, severity, message, range }));

let baseline: Record<string, Essentials>;

beforeAll(async () => {
    // Fresh services, before any hostile input: what the samples must keep producing.
    const fresh = await new ReusedServices().check(checkedSamples);
    baseline = Object.fromEntries(Object.entries(fresh).map(([name, diagnostics]) => [name, essentials(diagnostics)]));
});

/** The samples check in the reused services exactly as in fresh ones. */
async function expectSamplesStillCheck(): Promise<void> {
    const result = await reused.check(checkedSamples);
    for (const [name, diagnostics] of Object.entries(result)) {
        expect(essentials(diagnostics), name).toEqual(baseline[name]);
    }
}

/** Syntax findings only: other rules may still report on whatever part of the text did parse. */
function syntax(diagnostics: readonly Diagnostic[]): Diagnostic[] {
    return diagnostics.filter((d) => String(d.code).startsWith('syntax/'));
}

function syntaxCodes(diagnostics: readonly Diagnostic[]): string[] {
    return [...new Set(syntax(diagnostics).map((d) => String(d.code)))].sort();
}

const errors = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 1);

function expectWellFormed(text: string, diagnostics: readonly Diagnostic[]): void {
    expect(malformedDiagnostics(text, diagnostics)).toEqual([]);
}

describe('the samples, the reference for every check below', () => {
    test('parse without syntax errors and show the planted zero SLA', () => {
        for (const [name, diagnostics] of Object.entries(baseline)) {
            expect(diagnostics.filter((d) => String(d.code).startsWith('syntax/')), name).toEqual([]);
        }
        expect(baseline[WORKFLOW_SAMPLE]).toContainEqual(
            expect.objectContaining({ code: 'values/non-positive-duration', range: expect.objectContaining({ start: expect.objectContaining({ line: planted.line }) }) }),
        );
    });
});

describe('hostile input gives diagnostics, and the samples still check afterwards', () => {
    test('braces nested 10,000 deep', async () => {
        const text = `workflow W {\n${'{'.repeat(10_000)}\n${'}'.repeat(10_001)}\n`;
        const diagnostics = await reused.checkOne(text);
        expectWellFormed(text, diagnostics);
        expect(syntaxCodes(diagnostics)).toEqual(['syntax/parse-error']);
        expect(syntax(diagnostics)[0].range.start).toEqual({ line: 1, character: 0 });
        // Capped, with one summary line for the rest.
        expect(syntax(diagnostics).length).toBeLessThanOrEqual(MAX_SYNTAX_DIAGNOSTICS + 1);
        await expectSamplesStillCheck();
    });

    test('raci blocks nested 10,000 deep inside a step', async () => {
        const text = `workflow W {\n    ai step S {\n${'        raci {\n'.repeat(10_000)}${'}\n'.repeat(10_002)}`;
        const diagnostics = await reused.checkOne(text);
        expectWellFormed(text, diagnostics);
        expect(syntaxCodes(diagnostics)).toEqual(['syntax/parse-error']);
        // The first nested `raci` (line 4) is where the grammar stops matching.
        expect(syntax(diagnostics)[0].range.start.line).toBe(3);
        await expectSamplesStillCheck();
    });

    test('a 50 MB file is refused with syntax/file-too-large at 1:1', async () => {
        const unit = samples[WORKFLOW_SAMPLE];
        const text = unit.repeat(Math.ceil((50 * 1024 * 1024) / unit.length));
        expect(text.length).toBeGreaterThan(MAX_SOURCE_BYTES);
        const diagnostics = await reused.checkOne(text);
        expectWellFormed(text, diagnostics);
        expect(errors(diagnostics)).toHaveLength(1);
        expect(errors(diagnostics)[0]).toMatchObject({ code: 'syntax/file-too-large', range: { start: { line: 0, character: 0 } } });
        expect(errors(diagnostics)[0].message).toMatch(/larger than 5 MB/);
        await expectSamplesStillCheck();
    });

    test('binary garbage (random bytes with NULs) gives a capped list of syntax errors', async () => {
        const bytes = seededBytes(1, 64 * 1024);
        bytes[100] = 0;
        const text = Buffer.from(bytes).toString('latin1');
        const diagnostics = await reused.checkOne(text);
        expectWellFormed(text, diagnostics);
        expect(syntax(diagnostics)).toHaveLength(MAX_SYNTAX_DIAGNOSTICS + 1);
        expect(syntax(diagnostics).at(-1)!.message).toMatch(/more syntax errors not shown/);
        await expectSamplesStillCheck();
    });

    test('a NUL character in otherwise valid text is an invalid token at its position', async () => {
        const text = 'role Analyst {\n    authority 2\u0000\n}\n';
        const diagnostics = await reused.checkOne(text);
        expectWellFormed(text, diagnostics);
        expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'syntax/invalid-token', range: expect.objectContaining({ start: { line: 1, character: 15 } }) }));
        await expectSamplesStillCheck();
    });

    test('text decoded from invalid UTF-8 (replacement characters, a lone surrogate) gives invalid tokens where they are', async () => {
        const decoded = new TextDecoder('utf-8').decode(Buffer.concat([Buffer.from('role Analyst {\n    authority 2 '), Buffer.from([0xff, 0xfe]), Buffer.from('\n}\n')]));
        expect(decoded).toContain('\ufffd');
        const text = `${decoded}role Other {\n    competence "x" \ud800\n}\n`;
        const diagnostics = await reused.checkOne(text);
        expectWellFormed(text, diagnostics);
        const invalid = diagnostics.filter((d) => d.code === 'syntax/invalid-token').map((d) => d.range.start);
        expect(invalid).toContainEqual({ line: 1, character: 16 });
        expect(invalid).toContainEqual({ line: 4, character: 19 });
        await expectSamplesStillCheck();
    });

    test('an empty file is not an error', async () => {
        const diagnostics = await reused.checkOne('');
        expectWellFormed('', diagnostics);
        expect(errors(diagnostics)).toEqual([]);
        await expectSamplesStillCheck();
    });

    test('a file of only whitespace and comments is not an error', async () => {
        const text = '// just a note\n\n/* a block\n   comment */\n   \t\n/** doc */\n// end';
        const diagnostics = await reused.checkOne(text);
        expectWellFormed(text, diagnostics);
        expect(errors(diagnostics)).toEqual([]);
        await expectSamplesStillCheck();
    });

    test('an unterminated string is reported where it starts', async () => {
        const text = 'role Analyst "Data analyst {\n    authority 2\n}\n';
        const diagnostics = await reused.checkOne(text);
        expectWellFormed(text, diagnostics);
        expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'syntax/invalid-token', range: expect.objectContaining({ start: { line: 0, character: 13 } }) }));
        await expectSamplesStillCheck();
    });

    test('an unterminated block comment is reported where it starts', async () => {
        const text = 'role Analyst {\n    authority 2\n}\n/* never closed\nrole Other {\n}\n';
        const diagnostics = await reused.checkOne(text);
        expectWellFormed(text, diagnostics);
        expect(syntax(diagnostics)[0]).toMatchObject({ code: 'syntax/invalid-token', range: { start: { line: 3, character: 0 } } });
        await expectSamplesStillCheck();
    });

    test('a single 1 MB line', async () => {
        const text = `role ${'A'.repeat(1024 * 1024)} {\n}\nrole B { authority }\n`;
        const diagnostics = await reused.checkOne(text);
        expectWellFormed(text, diagnostics);
        // The long name is fine; the missing authority value on line 3 is not.
        expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'syntax/parse-error', range: expect.objectContaining({ start: expect.objectContaining({ line: 2 }) }) }));
        await expectSamplesStillCheck();
    });

    test('100,000 stray closing braces', async () => {
        const text = '}'.repeat(100_000);
        const diagnostics = await reused.checkOne(text);
        expectWellFormed(text, diagnostics);
        expect(syntaxCodes(diagnostics)).toEqual(['syntax/parse-error']);
        expect(syntax(diagnostics)[0].range.start).toEqual({ line: 0, character: 0 });
        expect(syntax(diagnostics).length).toBeLessThanOrEqual(MAX_SYNTAX_DIAGNOSTICS + 1);
        await expectSamplesStillCheck();
    });
});

describe('one broken file among good ones', () => {
    test('the broken file has its findings and the good files are checked in full', async () => {
        const garbage = Buffer.from(seededBytes(7, 64 * 1024)).toString('latin1');
        const result = await reused.check({ ...checkedSamples, 'broken.hitl': garbage, 'unterminated.hitl': 'role X "open\n' });
        expect(syntax(result['broken.hitl']).length).toBeGreaterThan(0);
        expect(result['unterminated.hitl']).toContainEqual(expect.objectContaining({ code: 'syntax/invalid-token', range: expect.objectContaining({ start: { line: 0, character: 7 } }) }));
        for (const name of Object.keys(checkedSamples)) {
            expect(essentials(result[name]), name).toEqual(baseline[name]);
        }
    });
});
