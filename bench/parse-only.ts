// Lexing and parsing of every .hitl file under a folder with the parser `hitl check` uses
// (Langium's, with hitl's tokens and value converter), and nothing else: no linking, no scopes,
// no validation. bench/run.mjs bundles and runs it to print the floor that the cold check is
// compared with. Prints one line of JSON: files, lines, CPU and wall time of the parsing alone.
import { EmptyFileSystem } from 'langium';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createHitlCoreServices } from '../language/hitl-module.js';

function hitlFiles(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true })
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .flatMap((entry) => (entry.isDirectory() ? hitlFiles(path.join(folder, entry.name)) : entry.name.endsWith('.hitl') ? [path.join(folder, entry.name)] : []));
}

const folder = process.argv[2];
if (!folder) throw new Error('usage: parse-only <folder>');
const texts = hitlFiles(folder).map((file) => readFileSync(file, 'utf8'));
const { Hitl } = createHitlCoreServices({ ...EmptyFileSystem, now: () => new Date(0) });
// Built before the clock starts: the check builds it once too, and it is not parsing.
const parser = Hitl.parser.LangiumParser;
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
let syntaxErrors = 0;
for (const text of texts) {
    const result = parser.parse(text);
    syntaxErrors += result.lexerErrors.length + result.parserErrors.length;
}
const cpu = process.cpuUsage(cpuBefore);
console.log(
    JSON.stringify({
        files: texts.length,
        lines: texts.reduce((sum, text) => sum + text.split('\n').length, 0),
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs: performance.now() - wallBefore,
        syntaxErrors,
    }),
);
