import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { URI } from 'langium';
import type { FileResult } from '../language/headless/check-result.js';
import { CheckPlanner } from '../language/headless/check-plan.js';
import { plannedDependencies } from '../language/headless/dependencies.js';
import type { FileSummary } from '../language/headless/file-summary.js';
import type { FindingsCache, SourceFile } from '../language/headless/workspace-check.js';
import { compareUris } from '../language/workspace/name-index.js';
import type { CheckWorkerSetup, FromWorker, ToWorker, WireSource } from './check-worker.js';
import { bundledWorker } from './worker-file.js';

/**
 * The cold `hitl check` on worker threads. Each worker parses and summarises a share of the
 * files (balanced by size), then checks the files of its share that are reported on, with only
 * the files their plan needs (language/headless/check-plan.ts): parsing, the larger part of a
 * check, is done about once per file. The results are those of a check on one thread, byte for
 * byte. Hand-rolled rather than a pool (tinypool): each worker keeps the documents it parsed
 * between its two tasks, and a pool hands each task to any thread.
 */

/** Under this many characters of sources a check stays on one thread: starting the workers would cost more than it saves (bench/README.md). */
export const PARALLEL_CHARACTERS = 2 * 1024 * 1024;
/** More workers than this gain little: each also parses the files its shard's plan adds. */
export const MAX_JOBS = 4;

/** A worker that failed: the check fails (exit 2) with no output. */
export class CheckWorkerError extends Error {}

/**
 * `--jobs`, else one per core up to {@link MAX_JOBS}; one for a small workspace, and one on a
 * machine of two cores or fewer, where two workers, each parsing and compiling its code anew,
 * were not faster than one thread (bench/README.md).
 */
export function jobsFor(given: number | undefined, characters: number, cores = availableParallelism()): number {
    if (given !== undefined) return given;
    return characters < PARALLEL_CHARACTERS || cores <= 2 ? 1 : Math.min(cores, MAX_JOBS);
}

export interface WorkerCheck {
    readonly jobs: number;
    readonly setup: CheckWorkerSetup;
    readonly display: (uri: URI) => string;
    /** Keeps each file's findings, keyed by its plan as a check on one thread keys them (language/headless/dependencies.ts). */
    readonly cache?: FindingsCache;
    /** A cap on each worker's heap, for the tests of a worker running out of memory. */
    readonly heapMb?: number;
}

/** The reported files' results, sorted by path as a check on one thread sorts them. */
export async function checkOnWorkers(sources: readonly SourceFile[], reported: ReadonlySet<string>, options: WorkerCheck): Promise<FileResult[]> {
    const shares = balance(sources, options.jobs);
    const workers = shares.map(() => new CheckWorker(bundledWorker('check-worker'), options.setup, options.heapMb));
    try {
        const answers = await Promise.all(workers.map((worker, i) => worker.ask({ kind: 'summarise', sources: shares[i].map(toWire) }, 'summaries')));
        const summaries = new Map<string, FileSummary>(answers.flatMap((answer) => answer.summaries));
        const planner = new CheckPlanner(summaries);
        const byUri = new Map(sources.map((source) => [source.uri.toString(), source]));
        const results = await Promise.all(
            workers.map(async (worker, i) => {
                const mine = new Set(shares[i].map((source) => source.uri.toString()));
                const plan = planner.planFor([...mine].filter((uri) => reported.has(uri)));
                if (plan.report.length === 0) return [];
                const others = plan.load.filter((uri) => !mine.has(uri)).map((uri) => toWire(byUri.get(uri)!));
                return (await worker.ask({ kind: 'check', plan, others }, 'results')).files;
            }),
        );
        const files = results.flat().sort((a, b) => compareUris(a.path, b.path));
        if (options.cache) store(options.cache, planner, summaries, sources, reported, files, options.display);
        return files;
    } finally {
        await Promise.all(workers.map((worker) => worker.stop()));
    }
}

/** Each file's findings under the key its plan gives (an unreadable file's finding is kept in the whole result only, as on one thread). */
function store(cache: FindingsCache, planner: CheckPlanner, summaries: ReadonlyMap<string, FileSummary>, sources: readonly SourceFile[], reported: ReadonlySet<string>, files: readonly FileResult[], display: (uri: URI) => string): void {
    const byPath = new Map(files.map((file) => [file.path, file]));
    const declarations = planner.declarations();
    for (const source of sources) {
        if (!reported.has(source.uri.toString()) || source.text === undefined) continue;
        const result = byPath.get(display(source.uri));
        if (result) cache.store(source.uri, plannedDependencies(planner, source.uri, declarations, summaries.get(source.uri.toString())), result.findings);
    }
}

function toWire(source: SourceFile): WireSource {
    return { uri: source.uri.toString(), text: source.text, unreadable: source.unreadable };
}

/** Shares of about equal size (in characters): the largest files first, each to the share with the fewest so far. */
function balance(sources: readonly SourceFile[], count: number): SourceFile[][] {
    const shares = Array.from({ length: Math.min(count, sources.length) }, () => ({ size: 0, sources: [] as SourceFile[] }));
    const bySize = [...sources].sort((a, b) => (b.text?.length ?? 0) - (a.text?.length ?? 0));
    for (const source of bySize) {
        const smallest = shares.reduce((least, share) => (share.size < least.size ? share : least));
        smallest.sources.push(source);
        smallest.size += source.text?.length ?? 0;
    }
    return shares.map((share) => share.sources);
}

/** One worker thread, asked one thing at a time; any failure of the thread fails the question. */
class CheckWorker {
    private readonly worker: Worker;
    private pending: { readonly resolve: (answer: FromWorker) => void; readonly reject: (error: Error) => void } | undefined;
    private failure: Error | undefined;

    constructor(file: string, setup: CheckWorkerSetup, heapMb: number | undefined) {
        this.worker = new Worker(file, { workerData: setup, ...(heapMb ? { resourceLimits: { maxOldGenerationSizeMb: heapMb } } : {}) });
        this.worker.on('message', (answer: FromWorker) => {
            if (answer.kind === 'failed') this.fail(new CheckWorkerError(`a check worker failed: ${answer.message}`));
            else this.settle(answer);
        });
        this.worker.on('error', (error: Error & { code?: string }) => {
            const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'ran out of memory; check with fewer --jobs or give Node more memory' : `failed: ${error.message}`;
            this.fail(new CheckWorkerError(`a check worker ${reason}`));
        });
        this.worker.on('exit', (code) => this.fail(new CheckWorkerError(`a check worker stopped (exit code ${code}) before it answered`)));
    }

    ask<K extends FromWorker['kind']>(message: ToWorker, kind: K): Promise<Extract<FromWorker, { kind: K }>> {
        if (this.failure) return Promise.reject(this.failure);
        return new Promise<FromWorker>((resolve, reject) => {
            this.pending = { resolve, reject };
            this.worker.postMessage(message);
        }).then((answer) => {
            if (answer.kind !== kind) throw new CheckWorkerError(`a check worker answered '${answer.kind}' to '${message.kind}'`);
            return answer as Extract<FromWorker, { kind: K }>;
        });
    }

    async stop(): Promise<void> {
        this.failure ??= new CheckWorkerError('stopped');
        await this.worker.terminate();
    }

    private fail(error: Error): void {
        this.failure ??= error;
        this.pending?.reject(this.failure);
        this.pending = undefined;
    }

    private settle(answer: FromWorker): void {
        const pending = this.pending;
        this.pending = undefined;
        pending?.resolve(answer);
    }
}
