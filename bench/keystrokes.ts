// Keystrokes in one large file, in-process: what each of Langium's build phases costs per edit,
// without the noise of a language server process on a busy machine. The edited file and
// organisation.hitl are opened with the language server's services, then the file's first `sla`
// is rewritten again and again ('0d', '2d', …), each edit rebuilt by `DocumentBuilder.update`.
// Prints one line of JSON: CPU per keystroke (each, and the median), and per keystroke the CPU
// between Langium's build-phase events and the GC pauses that fell in each phase.
//
//   npx esbuild bench/keystrokes.ts --bundle --platform=node --format=cjs --outfile=bench/.work/keystrokes.cjs
//   node bench/.work/keystrokes.cjs bench/.work/long/long-workflow.hitl 6
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createHitlServices } from '../language/lsp/lsp-module.js';

const PHASES = [DocumentState.Parsed, DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked, DocumentState.IndexedReferences, DocumentState.Validated];

const cpuMs = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
};

async function main(): Promise<void> {
    const [file, count = '6'] = process.argv.slice(2);
    if (!file) throw new Error('usage: keystrokes <file.hitl> [keystrokes]');
    const keystrokes = Number(count);
    const { shared } = createHitlServices({ ...EmptyFileSystem, now: () => new Date(0) });
    const open = (name: string, text: string, version: number) => {
        const document = TextDocument.create(URI.file(path.resolve(name)).toString(), 'hitl', version, text);
        shared.workspace.TextDocuments.set(document);
        return document;
    };
    const documents = [path.join(path.dirname(file), 'organisation.hitl'), file].map((name) => {
        const document = shared.workspace.LangiumDocumentFactory.fromTextDocument(open(name, readFileSync(name, 'utf8'), 1));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    const openedAt = process.cpuUsage();
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const openCpuMs = cpuMs(openedAt);

    const pauses: Array<{ start: number; duration: number }> = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => pauses.push({ start: entry.startTime, duration: entry.duration })));
    observer.observe({ entryTypes: ['gc'] });
    const marks: Array<{ at: number; phase: string }> = [];
    const phaseCpu: Record<string, number> = {};
    let last = process.cpuUsage();
    const listeners = PHASES.map((state) =>
        shared.workspace.DocumentBuilder.onBuildPhase(state, () => {
            phaseCpu[DocumentState[state]] = (phaseCpu[DocumentState[state]] ?? 0) + cpuMs(last);
            last = process.cpuUsage();
            marks.push({ at: performance.now(), phase: DocumentState[state] });
        }),
    );

    let text = readFileSync(file, 'utf8');
    const sla = /\bsla (\d+[a-z]+)/.exec(text);
    if (!sla) throw new Error(`${file} has no 'sla' to edit`);
    const at = sla.index + 'sla '.length;
    let length = sla[1].length;
    const perKeystroke: number[] = [];
    for (let i = 0; i < keystrokes; i++) {
        const value = i % 2 === 0 ? '0d' : `${2 + (i % 8)}d`;
        text = text.slice(0, at) + value + text.slice(at + length);
        length = value.length;
        open(file, text, i + 2);
        marks.push({ at: performance.now(), phase: 'edit' });
        const began = process.cpuUsage();
        last = began;
        await shared.workspace.DocumentBuilder.update([URI.file(path.resolve(file))], []);
        perKeystroke.push(cpuMs(began));
    }
    listeners.forEach((listener) => listener.dispose());
    // GC entries arrive after the event loop turns.
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    const gcMs: Record<string, number> = {};
    for (const pause of pauses) {
        const phase = marks.find((mark) => mark.at >= pause.start)?.phase;
        if (phase && phase !== 'edit') gcMs[phase] = (gcMs[phase] ?? 0) + pause.duration;
    }
    const perEdit = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).map(([phase, ms]) => [phase, +(ms / keystrokes).toFixed(1)]));
    const sorted = [...perKeystroke].sort((a, b) => a - b);
    console.log(
        JSON.stringify({
            file,
            openCpuMs: +openCpuMs.toFixed(0),
            keystrokeCpuMs: perKeystroke.map((ms) => +ms.toFixed(0)),
            medianCpuMs: +sorted[Math.floor(sorted.length / 2)].toFixed(0),
            phaseCpuMs: perEdit(phaseCpu),
            gcPauseMs: perEdit(gcMs),
        }),
    );
}

void main();
