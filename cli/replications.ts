import { availableParallelism } from 'node:os';
import { Tinypool } from 'tinypool';
import type { HitlModel } from '../language/model/schema.js';
import { summarise, type Summary } from '../language/simulator/replications.js';
import type { RunOptions, RunResult } from '../language/simulator/engine.js';
import { runReplication, type ReplicationTask } from './simulate-worker.js';
import { bundledWorker } from './worker-file.js';

/**
 * Runs replications on worker threads (tinypool), or in this thread when one is enough. The
 * summary does not depend on the number of threads: replication r always draws from stream r of
 * the seed, and the runs are combined in replication order.
 */
export class ReplicationRunner {
    private readonly pool: Tinypool | undefined;

    constructor(readonly threads: number) {
        this.pool = threads > 1 ? new Tinypool({ filename: bundledWorker('simulate-worker'), name: 'runReplication', minThreads: threads, maxThreads: threads }) : undefined;
    }

    /** Threads to use: `--jobs`, else one per core, never more than there are replications. */
    static threadsFor(jobs: number | undefined, replications: number): number {
        return Math.max(1, Math.min(jobs ?? availableParallelism(), replications));
    }

    /**
     * The summary of `replications` runs. A run with `onAuditRecord` (a callback cannot cross to a
     * worker) makes the first replication run in this thread, streaming its records.
     */
    async run(model: HitlModel, options: Omit<RunOptions, 'replication'>, replications: number, progress?: (done: number) => void): Promise<Summary> {
        let done = 0;
        const { onAuditRecord, ...portable } = options;
        const one = async (replication: number): Promise<RunResult> => {
            const here = !this.pool || (replication === 0 && onAuditRecord !== undefined);
            const result = here ? runReplication({ model, options: { ...options, replication } }) : ((await this.pool!.run({ model, options: { ...portable, replication } } satisfies ReplicationTask)) as RunResult);
            progress?.(++done);
            if (!this.pool) await new Promise((resolve) => setImmediate(resolve)); // let progress and Ctrl-C through
            return result;
        };
        const runs = this.pool ? await Promise.all(Array.from({ length: replications }, (_, replication) => one(replication))) : await sequential(replications, one);
        return summarise(runs);
    }

    async close(): Promise<void> {
        await this.pool?.destroy();
    }
}

async function sequential<T>(count: number, task: (index: number) => Promise<T>): Promise<T[]> {
    const results: T[] = [];
    for (let index = 0; index < count; index++) results.push(await task(index));
    return results;
}
