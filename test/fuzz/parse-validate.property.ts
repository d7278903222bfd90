import * as fc from 'fast-check';
import { AstUtils, GrammarAST, TextDocument, URI, type LangiumDocument } from 'langium';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { HitlGrammar } from '../../language/generated/grammar.js';
import { malformedDiagnostics, readSamples } from '../robustness/harness.js';
import { createEditorTestServices } from '../services.js';

// Properties of parse + full validation (and formatting) over arbitrary text, shared by the quick
// run in `npm test` (parse-validate.test.ts) and the long one in `npm run fuzz`
// (parse-validate.fuzz.test.ts).

// ------------------------------------------------------------------ inputs

const samples = readSamples();
const sampleTexts = Object.values(samples);

/** Every keyword of the grammar, read from the grammar itself so new ones are fuzzed too. */
export const keywords: readonly string[] = [
    ...new Set(
        AstUtils.streamAllContents(HitlGrammar())
            .filter(GrammarAST.isKeyword)
            .map((keyword) => keyword.value),
    ),
].sort();

/** Names declared or referenced in the samples, so that token soup sometimes links. */
const sampleIdentifiers: readonly string[] = [...new Set(sampleTexts.flatMap((text) => text.match(/\b[A-Z][A-Za-z0-9]*\b/g) ?? []))].sort();
const sampleLines: readonly string[] = [...new Set(sampleTexts.flatMap((text) => text.split('\n')))];

const punctuation = ['{', '}', ',', '.', '->', '%', '<', '<=', '>', '>=', '==', '!=', '"', '/*', '*/', '//', '-', '/', '\\'];

const identifier = fc.oneof(fc.constantFrom(...sampleIdentifiers), fc.stringMatching(/^[_a-zA-Z][_a-zA-Z0-9]{0,12}$/));
const number = fc.oneof(fc.nat({ max: 1000 }).map(String), fc.tuple(fc.nat({ max: 200 }), fc.nat({ max: 999 })).map(([a, b]) => `${a}.${b}`));
const duration = fc.tuple(fc.nat({ max: 400 }), fc.constantFrom('ms', 'mo', 's', 'm', 'h', 'd', 'w', 'y')).map(([n, unit]) => `${n}${unit}`);
// Real and impossible calendar dates alike: 2026-02-30 and 2026-13-01 must be findings, not crashes.
const date = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const stringLiteral = fc.string({ maxLength: 20 }).map((s) => `"${s.replace(/["\\\r\n]/g, '')}"`);
const comment = fc.oneof(
    fc.string({ maxLength: 20 }).map((s) => `// ${s.replace(/[\r\n]/g, '')}\n`),
    fc.string({ maxLength: 20 }).map((s) => `/* ${s.replace(/\*\//g, '')} */`),
);

/** One token of the language (or something close to one). */
export const token: fc.Arbitrary<string> = fc.oneof(
    { arbitrary: fc.constantFrom(...keywords), weight: 6 },
    { arbitrary: identifier, weight: 3 },
    { arbitrary: fc.constantFrom(...punctuation), weight: 4 },
    { arbitrary: fc.oneof(number, duration, date), weight: 2 },
    { arbitrary: stringLiteral, weight: 2 },
    { arbitrary: comment, weight: 1 },
);

const separator = fc.constantFrom(' ', ' ', ' ', '\n', '\n    ', '', '\t', '\r\n');

/** Random text: any code points, any bytes as characters, or characters the lexer cares about. */
export const randomText: fc.Arbitrary<string> = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: 'binary-ascii', maxLength: 300 }),
    fc.string({ unit: fc.constantFrom(...'{}"/*\\\n\r\t -<>=!%.,0123456789dhmswyoabcXYZ_'.split('')), maxLength: 400 }),
);

/** Keywords, identifiers, literals and punctuation in random order. */
export const tokenSoup: fc.Arbitrary<string> = fc.array(fc.tuple(token, separator), { maxLength: 200 }).map((parts) => parts.map(([t, s]) => t + s).join(''));

/** Near-valid soup: a block opener, soup, a closer, so that more of the grammar is reached. */
export const blockSoup: fc.Arbitrary<string> = fc
    .array(
        fc.tuple(
            fc.constantFrom('workflow', 'role', 'team', 'model', 'dataset', 'ai step', 'gate', 'queue', 'decision', 'escalation', 'monitoring', 'access'),
            identifier,
            fc.array(fc.tuple(token, separator), { maxLength: 40 }),
        ),
        { maxLength: 6 },
    )
    .map((blocks) => blocks.map(([kind, name, body]) => `${kind} ${name} {\n${body.map(([t, s]) => t + s).join('')}\n}\n`).join(''));

// Pieces of a sample: tokens roughly as the lexer sees them, and the whitespace between.
const PIECE = /("(?:\\.|[^"\\\n])*"|\/\/[^\n]*|\/\*[\s\S]*?\*\/|[A-Za-z_][\w-]*|\d[\w.-]*|->|<=|>=|==|!=|\s+|\S)/g;

type Mutation =
    | { op: 'delete-token' | 'duplicate-token' | 'delete-line' | 'duplicate-line' | 'truncate'; at: number }
    | { op: 'swap-tokens'; at: number; other: number }
    | { op: 'swap-lines'; at: number; other: number }
    | { op: 'insert-token'; at: number; token: string }
    | { op: 'insert-line'; at: number; line: string };

const position = fc.nat({ max: 1_000_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    // Line edits weigh more: they often keep the file parseable, so the rules behind the parser run.
    { arbitrary: fc.record({ op: fc.constantFrom('delete-line' as const, 'duplicate-line' as const), at: position }), weight: 3 },
    { arbitrary: fc.record({ op: fc.constant('swap-lines' as const), at: position, other: position }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('insert-line' as const), at: position, line: fc.constantFrom(...sampleLines) }), weight: 3 },
    { arbitrary: fc.record({ op: fc.constantFrom('delete-token' as const, 'duplicate-token' as const), at: position }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('swap-tokens' as const), at: position, other: position }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('insert-token' as const), at: position, token }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }), weight: 1 },
);

export function mutate(text: string, mutations: readonly Mutation[]): string {
    return mutations.reduce(applyMutation, text);
}

function applyMutation(text: string, m: Mutation): string {
    const lines = text.split('\n');
    const line = m.at % lines.length;
    const pieces = text.match(PIECE) ?? [];
    const tokens = pieces.flatMap((piece, index) => (/^\s+$/.test(piece) ? [] : [index]));
    const at = tokens.length > 0 ? tokens[m.at % tokens.length] : -1;
    switch (m.op) {
        case 'delete-line':
            lines.splice(line, 1);
            return lines.join('\n');
        case 'duplicate-line':
            lines.splice(line, 0, lines[line]);
            return lines.join('\n');
        case 'insert-line':
            lines.splice(line, 0, m.line);
            return lines.join('\n');
        case 'swap-lines': {
            const other = m.other % lines.length;
            [lines[line], lines[other]] = [lines[other], lines[line]];
            return lines.join('\n');
        }
        case 'truncate':
            return text.slice(0, m.at % (text.length + 1));
        case 'insert-token':
            if (at < 0) return `${m.token} ${text}`;
            pieces[at] = `${m.token} ${pieces[at]}`;
            return pieces.join('');
        case 'delete-token':
            if (at >= 0) pieces[at] = '';
            return pieces.join('');
        case 'duplicate-token':
            if (at >= 0) pieces[at] = `${pieces[at]} ${pieces[at]}`;
            return pieces.join('');
        case 'swap-tokens': {
            if (at < 0) return text;
            const other = tokens[m.other % tokens.length];
            [pieces[at], pieces[other]] = [pieces[other], pieces[at]];
            return pieces.join('');
        }
    }
}

/** A real sample with a few tokens or lines deleted, duplicated, swapped or inserted. */
export const mutatedSample: fc.Arbitrary<string> = fc
    .tuple(fc.constantFrom(...Object.keys(samples)), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([name, mutations]) => mutate(samples[name], mutations));

const WHITESPACE = [' ', '  ', '\n', '\n\n\n', '\t', ' \n  ', '\r\n', '\n        '];

/** Re-spaces a text: whitespace between tokens replaced, in turn, by the given runs (a line comment keeps its line break). */
export function respace(text: string, runs: readonly string[]): string {
    const pieces = text.match(PIECE) ?? [];
    let k = 0;
    for (let i = 0; i < pieces.length; i++) {
        if (!/^\s+$/.test(pieces[i])) continue;
        let replacement = runs[k++ % runs.length];
        if (i > 0 && pieces[i - 1].startsWith('//') && !replacement.includes('\n')) replacement += '\n';
        pieces[i] = replacement;
    }
    return pieces.join('');
}

/** A real sample laid out badly: valid text for the formatter to put right. */
export const respacedSample: fc.Arbitrary<string> = fc
    .tuple(fc.constantFrom(...Object.keys(samples)), fc.array(fc.constantFrom(...WHITESPACE), { minLength: 1, maxLength: 50 }))
    .map(([name, runs]) => respace(samples[name], runs));

export const inputs = { randomText, tokenSoup, blockSoup, mutatedSample, respacedSample } as const;
export type InputKind = keyof typeof inputs;

// ------------------------------------------------------------------ properties

/**
 * One set of services for every case, as in a long-running language server, with the shared
 * declarations of organisation.hitl loaded so that mutated workflows still link and the
 * reference-dependent rules run. Each case is added, built with full validation, formatted,
 * and removed again.
 */
export class ParseValidateHarness {
    private readonly services = createEditorTestServices();
    private counter = 0;
    /** What the cases reached: a generator that never gets past the lexer tests little. */
    readonly stats = { cases: 0, withoutSyntaxErrors: 0, withFindings: 0, reformatted: 0 };
    private ready: Promise<void> | undefined;

    private async setUp(): Promise<void> {
        const { shared } = this.services;
        const organisation = shared.workspace.LangiumDocumentFactory.fromString(samples['organisation.hitl'] ?? '', URI.parse('file:///fuzz/organisation.hitl'));
        shared.workspace.LangiumDocuments.addDocument(organisation);
        await shared.workspace.DocumentBuilder.build([organisation], { validation: true });
    }

    /** Throws, with a description, when a property fails for `text`. */
    async check(text: string): Promise<void> {
        this.ready ??= this.setUp();
        await this.ready;
        const { shared, Hitl } = this.services;
        const document = this.add(text);
        try {
            await shared.workspace.DocumentBuilder.build([document], { validation: true });
            const diagnostics = document.diagnostics ?? [];
            expectWellFormed(text, diagnostics);
            this.stats.cases++;
            if (document.parseResult.lexerErrors.length === 0 && document.parseResult.parserErrors.length === 0) this.stats.withoutSyntaxErrors++;
            if (diagnostics.some((d) => !String(d.code).startsWith('syntax/'))) this.stats.withFindings++;
            if (Hitl.lsp.Formatter) await this.checkFormatting(document);
        } finally {
            await shared.workspace.DocumentBuilder.update([], [document.uri]);
        }
    }

    private add(text: string): LangiumDocument {
        const { shared } = this.services;
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///fuzz/case-${++this.counter}.hitl`));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    }

    /**
     * The formatter never throws and returns edits inside the text that do not overlap. On a file
     * without syntax errors its result keeps every token, parses cleanly, and is already formatted.
     */
    private async checkFormatting(document: LangiumDocument): Promise<void> {
        const { Hitl, shared } = this.services;
        const formatter = Hitl.lsp.Formatter!;
        const options = { tabSize: 4, insertSpaces: true };
        const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options });
        const text = document.textDocument.getText();
        expectEditsWellFormed(text, edits);
        const parsedCleanly = document.parseResult.lexerErrors.length === 0 && document.parseResult.parserErrors.length === 0;
        if (!parsedCleanly || edits.length === 0) return;

        this.stats.reformatted++;
        const formatted = TextDocument.applyEdits(TextDocument.create(document.uri.toString(), 'hitl', 1, text), edits);
        const before = significantTokens(this.services, text);
        const after = significantTokens(this.services, formatted);
        if (before.join('\u0001') !== after.join('\u0001')) {
            throw new Error(`formatting changed the tokens\n--- formatted text ---\n${formatted}`);
        }
        const again = this.add(formatted);
        try {
            await shared.workspace.DocumentBuilder.build([again], { validation: false });
            if (again.parseResult.lexerErrors.length > 0 || again.parseResult.parserErrors.length > 0) {
                throw new Error(`formatted text has syntax errors: ${[...again.parseResult.lexerErrors, ...again.parseResult.parserErrors].map((e) => e.message).join('; ')}\n--- formatted text ---\n${formatted}`);
            }
            const second = await formatter.formatDocument(again, { textDocument: { uri: again.uri.toString() }, options });
            if (second.length > 0) {
                throw new Error(`formatting is not idempotent: a second pass made ${second.length} edits, first ${JSON.stringify(second[0])}\n--- formatted text ---\n${formatted}`);
            }
        } finally {
            await shared.workspace.DocumentBuilder.update([], [again.uri]);
        }
    }
}

function expectWellFormed(text: string, diagnostics: readonly Diagnostic[]): void {
    const problems = malformedDiagnostics(text, diagnostics);
    if (problems.length > 0) throw new Error(`malformed diagnostics:\n- ${problems.join('\n- ')}`);
}

function expectEditsWellFormed(text: string, edits: readonly TextEdit[]): void {
    const document = TextDocument.create('file:///check.hitl', 'hitl', 1, text);
    const lines = text.split(/\r\n|\r|\n/);
    const inside = (p: { line: number; character: number }) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
    const spans = edits.map((edit) => {
        if (!inside(edit.range.start) || !inside(edit.range.end)) throw new Error(`format edit outside the text: ${JSON.stringify(edit.range)}`);
        const start = document.offsetAt(edit.range.start);
        const end = document.offsetAt(edit.range.end);
        if (end < start) throw new Error(`format edit ends before it starts: ${JSON.stringify(edit.range)}`);
        return { start, end };
    });
    spans.sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 1; i < spans.length; i++) {
        if (spans[i].start < spans[i - 1].end) throw new Error(`format edits overlap at offset ${spans[i].start}`);
    }
}

/** Non-whitespace tokens as the language's own lexer reads them, comments included. */
function significantTokens(services: ReturnType<typeof createEditorTestServices>, text: string): string[] {
    const result = services.Hitl.parser.Lexer.tokenize(text);
    const all = [...result.tokens, ...(result.hidden ?? [])].filter((t) => t.tokenType.name !== 'WS');
    return all.sort((a, b) => a.startOffset - b.startOffset).map((t) => t.image);
}

// ------------------------------------------------------------------ running

export interface RunOptions {
    readonly numRuns: number;
    readonly seed: number;
    /** Per case, for asynchronous hangs (a build that never settles); 0 for none. */
    readonly caseTimeoutMs?: number;
}

/** Runs the properties over one kind of input; on failure the error names the seed and how to replay it. */
export async function runParseValidate(harness: ParseValidateHarness, kind: InputKind, options: RunOptions): Promise<void> {
    const property = fc.asyncProperty(inputs[kind], (text) => harness.check(text));
    try {
        await fc.assert(property, { numRuns: options.numRuns, seed: options.seed, timeout: options.caseTimeoutMs || undefined });
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // fast-check keeps the property's own error as the cause; show both.
        const cause = error instanceof Error && error.cause instanceof Error ? `\nCause: ${error.cause.stack ?? error.cause.message}` : '';
        throw new Error(`parse/validate property failed on ${kind} input (seed ${options.seed}; replay with HITL_FUZZ_SEED=${options.seed}):\n${message}${cause}`, { cause: error });
    }
}

/** The seed to use: HITL_FUZZ_SEED if set, else the given default. */
export function seedFromEnvironment(fallback: number): number {
    const value = process.env.HITL_FUZZ_SEED;
    if (value === undefined || value === '') return fallback;
    const seed = Number(value);
    if (!Number.isInteger(seed)) throw new Error(`HITL_FUZZ_SEED must be an integer, not '${value}'`);
    return seed;
}
