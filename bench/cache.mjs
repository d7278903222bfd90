// Bench of the warm `hitl check` (the findings cache, cli/check-cache.ts) on the 1,000-file workspace.
//
//   node bench/cache.mjs          measure the current build (npm run bench runs it after run.mjs)
//
// Environment: HITL_BENCH_RUNS (runs per figure, default 5), HITL_BENCH_FILES (workflow files,
// default 1000). Figures go to bench/results-cache.json (bench/.work/results-cache-partial.json
// for other sizes). Missed targets are reported, not failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { grammarKeywords, loadSamples, writeManyFiles } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
const CLI = path.join(ROOT, 'cli', 'hitl.cjs');
const WORK = path.join(ROOT, 'bench', '.work');
const CACHE = path.join(WORK, 'check-cache');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const RUNS = Number(process.env.HITL_BENCH_RUNS ?? 5);
const FILES = Number(process.env.HITL_BENCH_FILES ?? 1000);

const TARGETS = { unchangedMs: 300, oneChangedMs: 600 };

if (!existsSync(path.join(ROOT, 'dist', 'cli.cjs'))) {
    console.error("bench: dist/cli.cjs is missing; run 'npm run build' first (or 'npm run bench').");
    process.exit(1);
}

const samples = loadSamples(path.join(ROOT, 'samples'), grammarKeywords(ROOT));
const workspace = path.join(WORK, `ws-cache${FILES}`);
const files = writeManyFiles(workspace, samples, FILES);
rmSync(CACHE, { recursive: true, force: true });
const loadAtStart = os.loadavg()[0];

/** One `hitl check --format json` of the workspace: wall and CPU (user + system) time, its output. */
function check(...extra) {
    const args = [NODE, CLI, 'check', workspace, '--format', 'json', ...extra];
    const statsFile = path.join(WORK, 'cache-time.txt');
    const [command, ...rest] = TIME ? [TIME, '-o', statsFile, '-f', '%U %S', ...args] : args;
    const begin = performance.now();
    const run = spawnSync(command, rest, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, HITL_CACHE_DIR: CACHE } });
    const wallMs = performance.now() - begin;
    if (run.status !== 0 && run.status !== 1) throw new Error(`hitl check exited with ${run.status}: ${run.stderr.slice(0, 2000)}`);
    const cpu = TIME ? readFileSync(statsFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number) : undefined;
    return { wallMs, cpuMs: cpu && (cpu[0] + cpu[1]) * 1000, stdout: run.stdout, code: run.status };
}

/** Median figures of runs, each compared with a cold run (--no-cache) of the same files. */
function measure(name, before, extra = () => []) {
    const runs = [];
    let identical = true;
    for (let i = 0; i < RUNS; i++) {
        before?.(i);
        const warm = check(...extra(i));
        const cold = i === 0 || before ? check('--no-cache', ...extra(i)) : undefined;
        if (cold && (cold.stdout !== warm.stdout || cold.code !== warm.code)) identical = false;
        runs.push(warm);
    }
    const result = { runs: RUNS, wallMsMedian: median(runs.map((r) => r.wallMs)), cpuMsMedian: runs[0].cpuMs === undefined ? undefined : median(runs.map((r) => r.cpuMs)), identicalToCold: identical };
    console.log(`${name}: median ${Math.round(result.wallMsMedian)} ms wall, ${result.cpuMsMedian === undefined ? '?' : Math.round(result.cpuMsMedian)} ms CPU; output ${identical ? 'identical to' : 'DIFFERENT from'} a cold run`);
    return result;
}

// The first run fills the cache; the second finds the files written less than two seconds before the first saw them and re-reads them once (see "racy" in cli/check-cache.ts).
const fill = check();
check();
// The same command again: the last run's output, replayed (cli/last-run.ts).
const unchanged = measure('nothing changed');
// A command not run before (another --max-warnings each time): the findings cache's stamps answer.
const unchangedOtherCommand = measure('nothing changed, another command', undefined, (i) => ['--max-warnings', String(100000 + i)]);
// One workflow's SLA alternates between two values: its body changes, its declarations do not.
const edited = files[0];
const original = readFileSync(edited, 'utf8');
const sla = /^(\s*sla\s+)(\S+)/m;
if (!sla.test(original)) throw new Error(`${edited} has no sla line to edit`);
const oneChanged = measure('one file changed', (i) => writeFileSync(edited, original.replace(sla, `$1${i % 2 === 0 ? '0d' : '7d'}`)));
writeFileSync(edited, original);
// The hub: every file's plan loads organisation.hitl, so a change there checks every file again (reusing no findings).
const hub = path.join(workspace, 'organisation.hitl');
const hubText = readFileSync(hub, 'utf8');
const authority = /^(\s*authority\s+)4$/m;
if (!authority.test(hubText)) throw new Error(`${hub} has no authority 4 line to edit`);
const hubChanged = measure('organisation.hitl changed', (i) => writeFileSync(hub, hubText.replace(authority, `$1${i % 2 === 0 ? '3' : '4'}`)));
writeFileSync(hub, hubText);

const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverageAtStart: +loadAtStart.toFixed(2), loadAverageAtEnd: +os.loadavg()[0].toFixed(2) },
    files: FILES + 1,
    fillMs: { wall: Math.round(fill.wallMs), cpu: fill.cpuMs && Math.round(fill.cpuMs) },
    unchanged,
    unchangedOtherCommand,
    oneChanged,
    hubChanged,
    targets: TARGETS,
};
const resultsFile = FILES === 1000 ? path.join(ROOT, 'bench', 'results-cache.json') : path.join(WORK, 'results-cache-partial.json');
writeFileSync(resultsFile, JSON.stringify(results, (_key, value) => (typeof value === 'number' ? Math.round(value * 10) / 10 : value), 2) + '\n');

// Two other jobs may share the machine: wall time follows the load, CPU time hardly does.
const verdict = (result, target) => `${result.wallMsMedian <= target ? 'met' : 'missed'} by wall, ${result.cpuMsMedian <= target ? 'met' : 'missed'} by CPU`;
const rows = [
    [`warm check, nothing changed (${FILES + 1} files)`, `${Math.round(unchanged.wallMsMedian)} ms (CPU ${Math.round(unchanged.cpuMsMedian)} ms)`, `≤ ${TARGETS.unchangedMs} ms`, verdict(unchanged, TARGETS.unchangedMs)],
    [`warm check, nothing changed, a command not run before`, `${Math.round(unchangedOtherCommand.wallMsMedian)} ms (CPU ${Math.round(unchangedOtherCommand.cpuMsMedian)} ms)`, '', 'no replay: the findings cache'],
    [`warm check, one file's body changed`, `${Math.round(oneChanged.wallMsMedian)} ms (CPU ${Math.round(oneChanged.cpuMsMedian)} ms)`, `≤ ${TARGETS.oneChangedMs} ms`, verdict(oneChanged, TARGETS.oneChangedMs)],
    [`warm check, organisation.hitl changed (every file depends on it)`, `${Math.round(hubChanged.wallMsMedian)} ms (CPU ${Math.round(hubChanged.cpuMsMedian)} ms)`, `(≤ ${TARGETS.oneChangedMs} ms for one file)`, verdict(hubChanged, TARGETS.oneChangedMs)],
    [`cold check that fills the cache`, `${Math.round(fill.wallMs)} ms (CPU ${Math.round(fill.cpuMs)} ms)`, '', ''],
];
console.log(`\nhitl cache bench — ${os.cpus().length} CPUs, ${RUNS} runs each; load average ${results.machine.loadAverageAtStart} at start, ${results.machine.loadAverageAtEnd} at end`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(`\nwrote ${path.relative(ROOT, resultsFile)}`);
if (!unchanged.identicalToCold || !unchangedOtherCommand.identicalToCold || !oneChanged.identicalToCold || !hubChanged.identicalToCold) {
    console.error('bench: a warm check differed from a cold one');
    process.exit(1);
}

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
