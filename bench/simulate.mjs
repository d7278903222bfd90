// Benchmark of the simulator engine on samples/credit-limit-increase.hitl: events per second on
// one core, the one-million-case run (20 replications of 50,000 cases) on one thread and split
// over worker threads, and the heap before and after (it must not grow with the cases).
//
//   node --expose-gc bench/simulate.mjs       (node_modules/.bin/node: Node 22)
//
// Environment: HITL_SIM_CASES (cases per replication, default 50000), HITL_SIM_REPLICATIONS
// (default 20), HITL_SIM_THREADS (worker threads for the parallel run, default 2; 0 skips it).
// Bundles the engine with esbuild into bench/.work/ first, so it measures the current sources.
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(ROOT, 'bench', '.work', 'simulate-bundle.cjs');
const SAMPLE = 'samples/credit-limit-increase.hitl';
const WORKFLOW = 'CreditLimitIncrease';
const SEED = 2026;
const CASES = Number(process.env.HITL_SIM_CASES ?? 50_000);
const REPLICATIONS = Number(process.env.HITL_SIM_REPLICATIONS ?? 20);
const THREADS = Number(process.env.HITL_SIM_THREADS ?? 2);
// Busy enough that people queue (the underwriters about 70% utilised on the default staff of 2) and some SLAs fire.
const SCENARIO = { cases: CASES, warmupCases: 500, arrivals: { kind: 'poisson', ratePerHour: 6 } };

const ENTRY = `
import path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createHitlCoreServices } from './language/hitl-module.js';
import { collectHitlFiles, checkFiles } from './language/headless/workspace-check.js';
import { compileModel } from './language/compiler/compile-model.js';
export { simulateRun, summarise } from './language/simulator/index.js';
export async function compileSample(root, file) {
    const { shared } = createHitlCoreServices({ ...NodeFileSystem, now: () => new Date(Date.UTC(2026, 11, 1)) });
    const display = (uri) => path.relative(root, uri.fsPath);
    const files = await collectHitlFiles(shared.workspace.FileSystemProvider, [{ given: file, uri: URI.file(path.join(root, file)) }, { given: 'samples/organisation.hitl', uri: URI.file(path.join(root, 'samples/organisation.hitl')) }]);
    const { result, documents } = await checkFiles(shared, { files, display });
    return compileModel(documents, { display, findings: result.files });
}
`;

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const gc = () => globalThis.gc?.();

if (isMainThread) {
    mkdirSync(path.dirname(BUNDLE), { recursive: true });
    await esbuild.build({ stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts' }, bundle: true, platform: 'node', target: 'node22', format: 'cjs', outfile: BUNDLE, logLevel: 'warning' });
    const engine = createRequire(import.meta.url)(BUNDLE);
    const model = await engine.compileSample(ROOT, SAMPLE);
    if (!globalThis.gc) console.log('(run with --expose-gc for heap figures after a collection)');

    // Warm the JIT, then measure one thread.
    engine.simulateRun(model, { workflow: WORKFLOW, seed: SEED, replication: 99, scenario: { ...SCENARIO, cases: 5_000, warmupCases: 0 } });
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const runs = [];
    let events = 0;
    let peakHeap = 0;
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    for (let replication = 0; replication < REPLICATIONS; replication++) {
        const run = engine.simulateRun(model, { workflow: WORKFLOW, seed: SEED, replication, scenario: SCENARIO });
        events += run.events;
        runs.push(run);
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    // CPU time too: on a shared machine the wall time also counts other processes' turns.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    const summary = engine.summarise(runs);
    const cases = CASES * REPLICATIONS;
    console.log(`${SAMPLE} (${WORKFLOW}), ${REPLICATIONS} replications of ${CASES.toLocaleString('en')} cases = ${cases.toLocaleString('en')} cases`);
    console.log(`one thread:   ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU, ${events.toLocaleString('en')} events: ${Math.round(events / seconds).toLocaleString('en')} events/s wall, ${Math.round(events / cpuSeconds).toLocaleString('en')} per CPU second; ${Math.round(cases / seconds).toLocaleString('en')} cases/s`);
    console.log(`heap:         ${mb(heapBefore)} before, ${mb(peakHeap)} at most during, ${mb(heapAfter)} after (results of ${REPLICATIONS} runs kept)`);

    // Retained heap in the middle of one long run: the audit callback is called from inside the
    // run, so it can collect garbage and read what the run still holds, every 100,000 cases.
    if (globalThis.gc) {
        const long = CASES * 10;
        const heaps = [];
        let next = 0;
        engine.simulateRun(model, {
            workflow: WORKFLOW,
            seed: SEED,
            scenario: { ...SCENARIO, cases: long },
            onAuditRecord: (record) => {
                if (record.event !== 'ai-output' || Number(record.caseId.slice(5)) < next) return;
                next += 100_000;
                gc();
                heaps.push(mb(process.memoryUsage().heapUsed));
            },
        });
        console.log(`one run of ${long.toLocaleString('en')} cases, heap after a collection every 100,000 cases: ${heaps.join(', ')}`);
    }
    console.log(`cycle time p50 ${(summary.cycleTime.p50.mean / 3600).toFixed(2)} h ± ${(summary.cycleTime.p50.ci95 / 3600).toFixed(2)}, p95 ${(summary.cycleTime.p95.mean / 3600).toFixed(2)} h; reached a person ${(summary.reachedPerson.mean * 100).toFixed(1)}%`);

    if (THREADS > 0) {
        const parallelStart = performance.now();
        const shares = Array.from({ length: THREADS }, (_, t) => Array.from({ length: REPLICATIONS }, (_, r) => r).filter((r) => r % THREADS === t));
        const results = await Promise.all(
            shares.map((replications) => new Promise((resolve, reject) => {
                const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { replications, model } });
                worker.once('message', resolve);
                worker.once('error', reject);
            })),
        );
        const parallel = (performance.now() - parallelStart) / 1000;
        const same = JSON.stringify(engine.summarise(results.flat())) === JSON.stringify(summary);
        console.log(`${THREADS} threads:    ${parallel.toFixed(2)} s for the ${cases.toLocaleString('en')} cases (worker start-up included); summary ${same ? 'identical to' : 'DIFFERS from'} the one-thread run`);
    }
} else {
    const engine = createRequire(import.meta.url)(BUNDLE);
    const { replications, model } = workerData;
    parentPort.postMessage(replications.map((replication) => engine.simulateRun(model, { workflow: WORKFLOW, seed: SEED, replication, scenario: SCENARIO })));
}
