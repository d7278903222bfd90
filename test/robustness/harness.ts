import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createTestServices } from '../services.js';

export const SAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../samples');

/** Every sample file, name → text. */
export function readSamples(): Record<string, string> {
    const samples: Record<string, string> = {};
    for (const file of readdirSync(SAMPLES_DIR).sort()) {
        if (file.endsWith('.hitl')) samples[file] = readFileSync(path.join(SAMPLES_DIR, file), 'utf8');
    }
    return samples;
}

/** `area/rule-name`: a lower-case area, a slash, a kebab-case rule name. */
export const CODE_SHAPE = /^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * One set of services reused for every input, as the language server and a watch-mode CLI use
 * theirs: a parser left broken by one input (say, after a stack overflow) shows on the next.
 * Each check adds its files, builds and validates them, reads the diagnostics and removes the
 * files again, so checks never see each other's declarations.
 */
export class ReusedServices {
    readonly services = createTestServices();
    private counter = 0;

    /** Builds the files as one workspace and returns diagnostics by file name. */
    async check(files: Record<string, string>): Promise<Record<string, Diagnostic[]>> {
        const { shared } = this.services;
        const run = ++this.counter;
        const documents: Array<[string, LangiumDocument]> = Object.entries(files).map(([name, text]) => {
            const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///reused/${run}/${name}`));
            shared.workspace.LangiumDocuments.addDocument(document);
            return [name, document];
        });
        try {
            await shared.workspace.DocumentBuilder.build(
                documents.map(([, document]) => document),
                { validation: true },
            );
            return Object.fromEntries(documents.map(([name, document]) => [name, document.diagnostics ?? []]));
        } finally {
            await shared.workspace.DocumentBuilder.update(
                [],
                documents.map(([, document]) => document.uri),
            );
        }
    }

    /** Checks one file on its own. */
    async checkOne(text: string): Promise<Diagnostic[]> {
        return (await this.check({ 'input.hitl': text }))['input.hitl'];
    }
}

/** Problems with the diagnostics themselves: no code of the right shape, a range outside the text, no severity. */
export function malformedDiagnostics(text: string, diagnostics: readonly Diagnostic[]): string[] {
    const lines = text.split(/\r\n|\r|\n/);
    const inside = (position: { line: number; character: number }) =>
        Number.isInteger(position.line) &&
        Number.isInteger(position.character) &&
        position.line >= 0 &&
        position.line < lines.length &&
        position.character >= 0 &&
        position.character <= lines[position.line].length;
    const problems: string[] = [];
    for (const diagnostic of diagnostics) {
        const where = `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${String(diagnostic.code)} ${diagnostic.message}`;
        if (typeof diagnostic.code !== 'string' || !CODE_SHAPE.test(diagnostic.code)) problems.push(`code is not area/rule-name: ${where}`);
        if (diagnostic.severity === undefined || ![1, 2, 3, 4].includes(diagnostic.severity)) problems.push(`no severity: ${where}`);
        const { start, end } = diagnostic.range;
        if (!inside(start) || !inside(end)) problems.push(`range outside the document: ${JSON.stringify(diagnostic.range)} ${where}`);
        else if (end.line < start.line || (end.line === start.line && end.character < start.character)) problems.push(`range ends before it starts: ${where}`);
        if (typeof diagnostic.message !== 'string' || diagnostic.message.trim() === '') problems.push(`empty message: ${where}`);
    }
    return problems;
}

/** A deterministic pseudo-random byte source (mulberry32), so generated inputs are reproducible. */
export function seededBytes(seed: number, length: number): Uint8Array {
    let state = seed >>> 0;
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
    }
    return bytes;
}
