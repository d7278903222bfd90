import { simulateRun, type RunOptions, type RunResult } from '../language/simulator/engine.js';
import type { HitlModel } from '../language/model/schema.js';

// A worker thread of `hitl simulate`'s pool (cli/replications.ts): one replication per task.

export interface ReplicationTask {
    readonly model: HitlModel;
    readonly options: RunOptions;
}

export function runReplication(task: ReplicationTask): RunResult {
    return simulateRun(task.model, task.options);
}
