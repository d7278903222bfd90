// Synthetic workspaces for the benchmark, built from the real samples.
//
// Every name a workflow sample declares (roles, models, datasets, workflows, steps, monitors…)
// gets a per-copy suffix, so a thousand copies stay free of duplicate-name findings; the shared
// declarations in organisation.hitl are written once and referenced by every copy.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const ID = '[_a-zA-Z]\\w*';
const TITLE = '(?:"(?:\\\\.|[^"\\\\\\r\\n])*"\\s*)?';
const BLOCK_DECLARATION = new RegExp(
    `\\b(?:role|team|actor|channel|model|dataset|policy|escalation|workflow|step|gate|queue|decision|effect|outcome|drift|bias|misuse|evaluation)\\s+(${ID})\\s*${TITLE}\\{`,
    'g',
);
const SECRET_DECLARATION = new RegExp(`\\bsecret\\s+(${ID})\\s+from\\b`, 'g');
const BARE_OUTCOME = new RegExp(`\\boutcome\\s+(${ID})`, 'g');

/** The grammar's keywords, so that a generated rename never touches one. */
export function grammarKeywords(root) {
    const grammar = readFileSync(path.join(root, 'language/grammar/hitl.langium'), 'utf8');
    const keywords = new Set();
    for (const match of grammar.matchAll(/'([^']+)'/g)) keywords.add(match[1]);
    return keywords;
}

/** Names declared in the text (top level and inside workflows). */
export function declaredNames(text, keywords) {
    const names = new Set();
    for (const pattern of [BLOCK_DECLARATION, SECRET_DECLARATION, BARE_OUTCOME]) {
        for (const match of text.matchAll(pattern)) {
            if (!keywords.has(match[1])) names.add(match[1]);
        }
    }
    return names;
}

/** Returns a function that suffixes every whole-word occurrence of the given names. */
export function renamer(names) {
    if (names.size === 0) return (text) => text;
    const alternatives = [...names].sort((a, b) => b.length - a.length).join('|');
    const pattern = new RegExp(`(?<![\\w])(${alternatives})(?![\\w])`, 'g');
    return (text, suffix) => text.replace(pattern, (name) => `${name}${suffix}`);
}

export function loadSamples(samplesDir, keywords) {
    const files = readdirSync(samplesDir)
        .filter((file) => file.endsWith('.hitl'))
        .sort();
    const organisation = files.includes('organisation.hitl') ? readFileSync(path.join(samplesDir, 'organisation.hitl'), 'utf8') : '';
    const workflows = files
        .filter((file) => file !== 'organisation.hitl')
        .map((file) => ({ file, text: readFileSync(path.join(samplesDir, file), 'utf8') }));
    if (workflows.length === 0) throw new Error(`no workflow samples in ${samplesDir}`);
    // Samples may reference each other's declarations; rename them all with one suffix per copy.
    const names = new Set();
    for (const sample of workflows) for (const name of declaredNames(sample.text, keywords)) names.add(name);
    return { organisation, workflows, names };
}

/** (a) `count` workflow files plus organisation.hitl once. */
export function writeManyFiles(target, samples, count) {
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, 'organisation.hitl'), samples.organisation);
    const rename = renamer(samples.names);
    const files = [];
    for (let i = 0; i < count; i++) {
        const copy = Math.floor(i / samples.workflows.length);
        const sample = samples.workflows[i % samples.workflows.length];
        // 100 files a folder, as a large repository would spread them.
        const folder = path.join(target, `group-${String(Math.floor(i / 100)).padStart(2, '0')}`);
        mkdirSync(folder, { recursive: true });
        const file = path.join(folder, `${sample.file.replace(/\.hitl$/, '')}-${String(copy).padStart(4, '0')}.hitl`);
        writeFileSync(file, rename(sample.text, `_c${copy}`));
        files.push(file);
    }
    return files;
}

/** (b) one file of at least `lines` lines (renamed copies of every workflow sample), beside organisation.hitl. */
export function writeBigFile(target, samples, lines) {
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, 'organisation.hitl'), samples.organisation);
    const rename = renamer(samples.names);
    const parts = [];
    let total = 0;
    for (let copy = 0; total < lines; copy++) {
        for (const sample of samples.workflows) {
            const text = rename(sample.text, `_c${copy}`);
            parts.push(text.endsWith('\n') ? text : `${text}\n`);
            total += text.split('\n').length;
            if (total >= lines) break;
        }
    }
    const file = path.join(target, 'big.hitl');
    const text = parts.join('\n');
    writeFileSync(file, text);
    return { file, lines: text.split('\n').length, bytes: Buffer.byteLength(text) };
}

/**
 * (c) one workflow of `steps` steps in one file, beside organisation.hitl: the first automated
 * step of the credit-limit sample repeated as a `then` chain between it and its successor.
 */
export function writeLongWorkflow(target, samples, steps) {
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, 'organisation.hitl'), samples.organisation);
    const sample = samples.workflows.find((workflow) => workflow.file === 'credit-limit-increase.hitl');
    const step = sample && /\n( {4}automated step (\w+) "[^"]*" \{\n[\s\S]*?\n {8}then (\w+)\n {4}\}\n)/.exec(sample.text);
    if (!step) throw new Error('samples/credit-limit-increase.hitl has no automated step ending in `then` to repeat');
    const [, block, name, next] = step;
    const link = (i) => (i === steps - 1 ? next : `Chain${i + 1}`);
    const chain = Array.from({ length: steps - 1 }, (_, i) => block.replace(`step ${name} `, `step Chain${i + 1} `).replace(`then ${next}\n`, `then ${link(i + 1)}\n`));
    const text = sample.text.replace(block, block.replace(`then ${next}\n`, `then ${link(0)}\n`) + chain.join(''));
    const file = path.join(target, 'long-workflow.hitl');
    writeFileSync(file, text);
    return { file, steps: (text.match(/^ {4}(?:automated step|ai step|gate|queue|decision|effect|outcome) /gm) ?? []).length, lines: text.split('\n').length, bytes: Buffer.byteLength(text) };
}
