// Benchmark of the hitl CLI and language server on synthetic workspaces made from the samples.
//
//   npm run bench                 build, then measure (about two minutes on two cores)
//   node bench/run.mjs            measure the current build
//
// Environment: HITL_BENCH_RUNS (CLI runs per target, default 5), HITL_BENCH_EDITS (timed edits
// per workspace, default 30), HITL_BENCH_COMPLETIONS (timed completions per position, default 40),
// HITL_BENCH_FILES (workflow files in the large workspace, default 1000),
// HITL_BENCH_LINES (lines in the single large file, default 10000), HITL_BENCH_STEPS (steps in the
// long workflow, default 8000), HITL_BENCH_KEYSTROKES (timed edits of it, default 3), HITL_BENCH_ONLY (`cli` or
// `server`: measure only that), HITL_BENCH_SERVER_ARGS (extra Node options for the server, such
// as `--cpu-prof --cpu-prof-dir=bench/.work/profiles` to profile it).
//
// Missed targets are reported, not failed: the exit code is 0 unless something could not be
// measured (a crash, a timeout, a missing build).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { grammarKeywords, loadSamples, writeBigFile, writeLongWorkflow, writeManyFiles } from './generate.mjs';
import { LspSession, withTimeout } from './lsp-client.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
const CLI = path.join(ROOT, 'cli', 'hitl.cjs');
const SERVER = path.join(ROOT, 'extension', 'dist', 'server.cjs');
const WORK = path.join(ROOT, 'bench', '.work');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const RUNS = positiveInt('HITL_BENCH_RUNS', 5);
const EDITS = positiveInt('HITL_BENCH_EDITS', 30);
const COMPLETIONS = positiveInt('HITL_BENCH_COMPLETIONS', 40);
const FILES = positiveInt('HITL_BENCH_FILES', 1000);
const LINES = positiveInt('HITL_BENCH_LINES', 10000);
const STEPS = positiveInt('HITL_BENCH_STEPS', 8000);
const KEYSTROKES = positiveInt('HITL_BENCH_KEYSTROKES', 3);
const ONLY = process.env.HITL_BENCH_ONLY;
const SERVER_ARGS = (process.env.HITL_BENCH_SERVER_ARGS ?? '').split(/\s+/).filter(Boolean);

const TARGETS = {
    checkMs: 3500,
    cliRssMb: 300,
    // CPU time of the cold check over that of parsing the same files alone (bench/parse-only.ts).
    checkToParseRatio: 2.5,
    // Issue 12, the language server:
    openToAllMs1000: 3000,
    editP95Ms1000: 15,
    editP95MsBigFile: 100,
    completionP95Ms: 15,
    serverRssMb: 400,
    keystrokeMsLongWorkflow: 200,
    answerDuringValidationMs: 200,
};

function positiveInt(name, fallback) {
    const value = Number(process.env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of 1 or more`);
    return value;
}

const problems = [];
const started = performance.now();
// Other work on the machine inflates wall times; the load average is recorded with the figures.
const loadAverageAtStart = os.loadavg().map((l) => +l.toFixed(2));

for (const required of [NODE, CLI, SERVER, path.join(ROOT, 'dist', 'cli.cjs')]) {
    if (!existsSync(required)) {
        console.error(`bench: ${path.relative(ROOT, required)} is missing; run 'npm run build' first (or 'npm run bench').`);
        process.exit(1);
    }
}

// ------------------------------------------------------------------ workspaces

const samples = loadSamples(path.join(ROOT, 'samples'), grammarKeywords(ROOT));
const ws1000 = path.join(WORK, `ws${FILES}`);
const manyFiles = writeManyFiles(ws1000, samples, FILES);
const big = writeBigFile(path.join(WORK, 'big'), samples, LINES);
const long = writeLongWorkflow(path.join(WORK, 'long'), samples, STEPS);
const workspaceLines = [path.join(ws1000, 'organisation.hitl'), ...manyFiles].reduce((sum, file) => sum + lineCount(file), 0);
const sampleFiles = readdirSync(path.join(ROOT, 'samples')).filter((file) => file.endsWith('.hitl'));
const sampleLines = sampleFiles.reduce((sum, file) => sum + lineCount(path.join(ROOT, 'samples', file)), 0);
log(`workspaces: ${FILES + 1} files / ${workspaceLines} lines in ${rel(ws1000)}; ${big.lines} lines (${(big.bytes / 1024).toFixed(0)} KB) in ${rel(big.file)}; ${long.steps} steps (${long.lines} lines) in ${rel(long.file)}`);

function lineCount(file) {
    return readFileSync(file, 'utf8').split('\n').length;
}

// ------------------------------------------------------------------ CLI

/** One `hitl <command>` process (check, or compile into a folder of WORK): wall time from spawn to exit, CPU time and peak RSS. */
async function runCli(command_, target) {
    const args = [NODE, CLI, ...command_, target];
    const statsDir = TIME ? mkdtempSync(path.join(os.tmpdir(), 'hitl-bench-')) : undefined;
    const statsFile = statsDir && path.join(statsDir, 'time.txt');
    const [command, ...commandArgs] = TIME ? [TIME, '-o', statsFile, '-f', '%U %S %M', ...args] : args;
    const begin = performance.now();
    const child = spawn(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let peakKb = 0;
    // Without /usr/bin/time, poll the peak resident set while the process runs.
    const poll = TIME ? undefined : setInterval(() => (peakKb = Math.max(peakKb, procPeakKb(child.pid) ?? 0)), 5);
    const code = await new Promise((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    const wallMs = performance.now() - begin;
    if (poll) clearInterval(poll);
    let cpuMs;
    if (statsFile) {
        const fields = readFileSync(statsFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
        cpuMs = (fields[0] + fields[1]) * 1000;
        peakKb = fields[2];
        rmSync(statsDir, { recursive: true, force: true });
    }
    if (code !== 0 && code !== 1) throw new Error(`hitl ${command_[0]} ${rel(target)} exited with ${code}: ${stderr.slice(0, 2000)}`);
    return { wallMs, cpuMs, peakMb: peakKb / 1024, summary: stdout.trim().split('\n').at(-1), code };
}

function procPeakKb(pid) {
    try {
        return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    } catch {
        return undefined;
    }
}

// The cold check: the findings cache (measured by bench/cache.mjs) would answer every run after the first.
async function benchCheck(name, target, command_ = ['check', '--no-cache']) {
    const label = `${command_[0]} ${name}`;
    try {
        // No warm-up run: the files were just written, so they are in the page cache already.
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await runCli(command_, target));
        const result = {
            target: rel(target),
            runs: RUNS,
            wallMsMedian: median(runs.map((r) => r.wallMs)),
            wallMsMin: Math.min(...runs.map((r) => r.wallMs)),
            cpuMsMedian: runs[0].cpuMs === undefined ? undefined : median(runs.map((r) => r.cpuMs)),
            peakRssMb: Math.max(...runs.map((r) => r.peakMb)),
            summary: runs[0].summary,
            exitCode: runs[0].code,
        };
        log(`${label}: median ${ms(result.wallMsMedian)} (${result.summary})`);
        return result;
    } catch (error) {
        problems.push(`${label}: ${error.message}`);
        return { target: rel(target), error: error.message };
    }
}

const cli =
    ONLY === 'server'
        ? { samples: {}, files1000: {}, bigFile: {}, compileSamples: {}, compile1000: {} }
        : {
              samples: await benchCheck('samples', path.join(ROOT, 'samples')),
              files1000: await benchCheck(`${FILES} files`, ws1000),
              bigFile: await benchCheck(`${big.lines}-line file`, path.dirname(big.file)),
              // Compile replaces its output folder each run, as a pipeline does.
              compileSamples: await benchCheck('samples', path.join(ROOT, 'samples'), ['compile', '--out', path.join(WORK, 'deploy-samples')]),
              compile1000: await benchCheck(`${FILES} files`, ws1000, ['compile', '--out', path.join(WORK, `deploy-${FILES}`)]),
          };

// The cold check on worker threads (cli/check-workers.ts), against one thread; the process's
// peak RSS covers its worker threads.
const JOBS = [1, 2, 4];
const workers = {};
if (ONLY !== 'server') for (const jobs of JOBS) workers[jobs] = await benchCheck(`${FILES} files --jobs ${jobs}`, ws1000, ['check', '--no-cache', '--jobs', String(jobs)]);

/**
 * The parser alone on the same files (bench/parse-only.ts, bundled here with esbuild): the floor
 * that the cold check's CPU time is compared with.
 */
async function benchParseOnly(name, target) {
    const label = `parse-only ${name}`;
    try {
        const { build } = await import('esbuild');
        const bundle = path.join(WORK, 'parse-only.cjs');
        await build({ entryPoints: [path.join(ROOT, 'bench', 'parse-only.ts')], outfile: bundle, bundle: true, platform: 'node', target: 'node22', format: 'cjs', logLevel: 'warning' });
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(JSON.parse(execFileSync(NODE, [bundle, target], { encoding: 'utf8', maxBuffer: 1 << 20 })));
        const result = { target: rel(target), runs: RUNS, files: runs[0].files, cpuMsMedian: median(runs.map((r) => r.cpuMs)), wallMsMedian: median(runs.map((r) => r.wallMs)), syntaxErrors: runs[0].syntaxErrors };
        log(`${label}: median CPU ${ms(result.cpuMsMedian)} for ${result.files} files`);
        return result;
    } catch (error) {
        problems.push(`${label}: ${error.message}`);
        return { target: rel(target), error: error.message };
    }
}

const parseOnly = ONLY === 'server' ? {} : await benchParseOnly(`${FILES} files`, ws1000);
const checkToParse = cli.files1000.cpuMsMedian !== undefined && parseOnly.cpuMsMedian ? cli.files1000.cpuMsMedian / parseOnly.cpuMsMedian : undefined;

// ------------------------------------------------------------------ language server

/** Where to edit and where to ask for completion in a workflow file. */
function probePositions(text) {
    const lines = text.split('\n');
    const sla = findLine(lines, /^(\s*sla\s+)(\d+(?:ms|mo|s|m|h|d|w|y))\b/);
    // A reference inside a step body (`reviewer X`, `owner X`, `decided by X`), else any step line.
    const reference = findLine(lines, /^(\s*(?:reviewer|owner|decided by|actor)\s+)([_a-zA-Z]\w*)/) ?? findLine(lines, /^(\s*then\s+)([_a-zA-Z]\w*)/);
    if (!sla || !reference) throw new Error('the workflow sample has no `sla` line or no step reference to probe');
    const indent = /^\s*/.exec(lines[reference.line])[0].length;
    return {
        sla: { line: sla.line, character: sla.prefix.length, length: sla.value.length },
        keyword: { line: reference.line, character: indent },
        reference: { line: reference.line, character: reference.prefix.length },
    };
}

function findLine(lines, pattern) {
    for (let line = 0; line < lines.length; line++) {
        const match = pattern.exec(lines[line]);
        if (match) return { line, prefix: match[1], value: match[2] };
    }
    return undefined;
}

/**
 * Edits that set the workflow's `sla` alternately to 0d (a values/non-positive-duration error)
 * and a valid duration, so each publish can be checked against its edit. `during(sent)` runs
 * once the change is sent, while the server works on it; `edit(i)` resolves with the time to
 * the publish, whether it matched the edit, and what `during` returned.
 */
function slaEditor(session, uri, probe, timeoutMs, during = async () => undefined) {
    let version = 1;
    let length = probe.sla.length;
    return async (i) => {
        const value = i % 2 === 0 ? '0d' : `${1 + (i % 9)}d`;
        const range = { start: { line: probe.sla.line, character: probe.sla.character }, end: { line: probe.sla.line, character: probe.sla.character + length } };
        length = value.length;
        const published = session.nextDiagnostics(uri);
        const t0 = performance.now();
        await session.change(uri, ++version, [{ range, text: value }]);
        const [diagnostics, meanwhile] = await Promise.all([withTimeout(published, timeoutMs, `diagnostics after edit ${i}`), during(published)]);
        const elapsed = performance.now() - t0;
        const flagged = diagnostics.some((d) => d.code === 'values/non-positive-duration' && d.range.start.line === probe.sla.line);
        return { elapsed, correct: flagged === (value === '0d'), meanwhile };
    };
}

/** Opens `file` in a server rooted at `root`, then times edits and completions. */
async function benchServer(name, root, file, allFiles) {
    const session = new LspSession({ node: NODE, server: SERVER, root, nodeArgs: SERVER_ARGS });
    const result = { root: rel(root), file: rel(file) };
    try {
        const uri = pathToFileURL(file).href;
        const text = readFileSync(file, 'utf8');
        const probe = probePositions(text);

        let begin = performance.now();
        await withTimeout(session.initialize(), 30_000, 'initialize');
        result.initializeMs = performance.now() - begin;

        // The server indexes the workspace after `initialized`; the first update (our didOpen)
        // waits for that and then validates every document, publishing diagnostics for each.
        begin = performance.now();
        const everyFile = session.diagnosticsForAll(allFiles.map((f) => pathToFileURL(f).href));
        const firstForFile = session.nextDiagnostics(uri);
        await session.open(uri, text);
        // The server's CPU from its start: the workspace is read and built after `initialized`, so all of it counts.
        await withTimeout(firstForFile, 240_000, `first diagnostics for ${rel(file)}`);
        result.openToFileDiagnosticsMs = performance.now() - begin;
        result.openToFileCpuMs = session.cpuMs();
        await withTimeout(everyFile, 240_000, 'diagnostics for every file');
        result.openToAllDiagnosticsMs = performance.now() - begin;
        result.openToAllCpuMs = session.cpuMs();

        const edit = slaEditor(session, uri, probe, 60_000);
        for (let i = 0; i < 3; i++) await edit(i); // warm-up
        const edits = [];
        const cpuBefore = session.cpuMs();
        for (let i = 0; i < EDITS; i++) edits.push(await edit(i + 3));
        const cpuPerEditMs = cpuBefore === undefined ? undefined : (session.cpuMs() - cpuBefore) / EDITS;
        // Leave the document valid before completion.
        if ((EDITS + 2) % 2 === 0) await edit(1);
        // CPU per edit is the server's own user + system time: less sensitive to a busy machine than wall time.
        result.edits = { count: EDITS, ...percentiles(edits.map((e) => e.elapsed)), cpuPerEditMs, correct: edits.filter((e) => e.correct).length };

        result.completion = {};
        for (const [kind, position] of [['keyword', probe.keyword], ['reference', probe.reference]]) {
            let items = 0;
            const times = [];
            let cpuBefore;
            for (let i = 0; i < COMPLETIONS + 5; i++) {
                if (i === 5) cpuBefore = session.cpuMs();
                const t0 = performance.now();
                const response = await withTimeout(session.completion(uri, { line: position.line, character: position.character }), 30_000, 'completion');
                const elapsed = performance.now() - t0;
                items = Array.isArray(response) ? response.length : (response?.items?.length ?? 0);
                if (i >= 5) times.push(elapsed);
            }
            const cpuPerRequestMs = cpuBefore === undefined ? undefined : (session.cpuMs() - cpuBefore) / COMPLETIONS;
            result.completion[kind] = { count: COMPLETIONS, line: position.line + 1, character: position.character + 1, items, ...percentiles(times), cpuPerRequestMs };
        }

        const memory = session.memory();
        result.peakRssMb = memory.peakMb;
        result.rssMbAtEnd = memory.currentMb;
        result.serverErrors = session.serverErrors.slice(0, 5);
        log(`server ${name}: edit p95 ${ms(result.edits.p95)}, completion p95 ${ms(result.completion.keyword.p95)} / ${ms(result.completion.reference.p95)}, peak RSS ${mb(result.peakRssMb)}`);
    } catch (error) {
        problems.push(`server ${name}: ${error.message}${session.stderr ? `\n${session.stderr.slice(0, 2000)}` : ''}`);
        result.error = error.message;
    } finally {
        await session.close();
    }
    return result;
}

/**
 * One workflow of thousands of steps: the time from opening it to its diagnostics, then
 * keystrokes (sla edits) timed to their publish, with a hover and a completion sent right
 * after each keystroke, while the server re-checks the workflow; each is timed, and counted
 * as answered during validation if it answered before the publish.
 */
async function benchLongWorkflow(root, file) {
    const session = new LspSession({ node: NODE, server: SERVER, root, nodeArgs: SERVER_ARGS });
    const result = { root: rel(root), file: rel(file), steps: long.steps, lines: long.lines };
    const timeoutMs = 600_000;
    try {
        const uri = pathToFileURL(file).href;
        const text = readFileSync(file, 'utf8');
        const probe = probePositions(text);
        await withTimeout(session.initialize(), 30_000, 'initialize');
        const first = session.nextDiagnostics(uri);
        let cpu = session.cpuMs();
        let begin = performance.now();
        await session.open(uri, text);
        await withTimeout(first, timeoutMs, `first diagnostics for ${rel(file)}`);
        result.openToDiagnosticsMs = performance.now() - begin;
        result.openCpuMs = session.cpuMs() - cpu;

        const answer = async (request, published) => {
            let done = false;
            void published.then(() => (done = true));
            const t0 = performance.now();
            const response = await withTimeout(request(), timeoutMs, 'a request during validation');
            return { ms: performance.now() - t0, beforePublish: !done, answered: response !== null && response !== undefined };
        };
        const position = (p) => ({ line: p.line, character: p.character });
        const edit = slaEditor(session, uri, probe, timeoutMs, (published) =>
            Promise.all([answer(() => session.hover(uri, position(probe.reference)), published), answer(() => session.completion(uri, position(probe.keyword)), published)]),
        );
        const keystrokes = [];
        cpu = session.cpuMs();
        for (let i = 0; i < KEYSTROKES; i++) keystrokes.push(await edit(i));
        const requests = keystrokes.flatMap((k) => k.meanwhile);
        result.keystrokes = { count: KEYSTROKES, ...percentiles(keystrokes.map((k) => k.elapsed)), cpuPerKeystrokeMs: (session.cpuMs() - cpu) / KEYSTROKES, correct: keystrokes.filter((k) => k.correct).length };
        result.duringValidation = {
            requests: requests.length,
            ...percentiles(requests.map((r) => r.ms)),
            beforePublish: requests.filter((r) => r.beforePublish).length,
            answered: requests.filter((r) => r.answered).length,
        };
        result.peakRssMb = session.memory().peakMb;
        result.serverErrors = session.serverErrors.slice(0, 5);
        log(`server ${long.steps}-step workflow: keystroke p95 ${ms(result.keystrokes.p95)}, hover/completion during validation p95 ${ms(result.duringValidation.p95)}`);
    } catch (error) {
        problems.push(`server ${long.steps}-step workflow: ${error.message}${session.stderr ? `\n${session.stderr.slice(0, 2000)}` : ''}`);
        result.error = error.message;
    } finally {
        await session.close();
    }
    return result;
}

const editedFile = manyFiles[Math.floor(manyFiles.length / 2)];
const server =
    ONLY === 'cli'
        ? { files1000: {}, bigFile: {}, longWorkflow: {} }
        : {
              files1000: await benchServer(`${FILES} files`, ws1000, editedFile, [path.join(ws1000, 'organisation.hitl'), ...manyFiles]),
              bigFile: await benchServer(`${big.lines}-line file`, path.dirname(big.file), big.file, [path.join(path.dirname(big.file), 'organisation.hitl'), big.file]),
              longWorkflow: await benchLongWorkflow(path.dirname(long.file), long.file),
          };

// ------------------------------------------------------------------ report

const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: +(os.totalmem() / 2 ** 30).toFixed(1), loadAverageAtStart, loadAverageAtEnd: os.loadavg().map((l) => +l.toFixed(2)) },
    node: runVersion(),
    workspaces: {
        samples: { files: sampleFiles.length, lines: sampleLines },
        files1000: { files: FILES + 1, lines: workspaceLines },
        bigFile: { files: 2, lines: big.lines, bytes: big.bytes },
        longWorkflow: { files: 2, steps: long.steps, lines: long.lines, bytes: long.bytes },
    },
    targets: TARGETS,
    cli,
    workers,
    parseOnly: { ...parseOnly, checkToParseRatio: checkToParse },
    server,
    benchSeconds: +((performance.now() - started) / 1000).toFixed(1),
    problems,
};
// A partial run (HITL_BENCH_ONLY, or smaller sizes) must not overwrite the reference figures.
const partial = ONLY !== undefined || FILES !== 1000 || LINES !== 10000 || STEPS !== 8000 || process.env.HITL_BENCH_SERVER_ARGS;
const resultsFile = partial ? path.join(WORK, 'results-partial.json') : path.join(ROOT, 'bench', 'results.json');
writeFileSync(resultsFile, JSON.stringify(results, roundNumbers, 2) + '\n');

const rows = [
    ['hitl check samples/ (wall, incl. start-up)', ms(cli.samples.wallMsMedian), '', extra(cli.samples)],
    [`hitl check ${FILES} files (wall, incl. start-up)`, ms(cli.files1000.wallMsMedian), `≤ ${TARGETS.checkMs} ms`, extra(cli.files1000), verdict(cli.files1000.wallMsMedian, TARGETS.checkMs)],
    [`Langium parse-only, ${FILES} files (CPU, in-process)`, ms(parseOnly.cpuMsMedian), '', parseOnly.error ?? `wall ${ms(parseOnly.wallMsMedian)}; lex + parse, no linking or validation`],
    [`hitl check ${FILES} files ÷ parse-only (CPU)`, checkToParse === undefined ? 'n/a' : checkToParse.toFixed(2), `≤ ${TARGETS.checkToParseRatio}`, 'check CPU incl. start-up', verdict(checkToParse, TARGETS.checkToParseRatio)],
    ...JOBS.map((jobs) => [`hitl check ${FILES} files --jobs ${jobs} (wall)`, ms(workers[jobs]?.wallMsMedian), '', workersNote(workers[jobs], workers[1], jobs)]),
    [`hitl check ${big.lines}-line file (wall)`, ms(cli.bigFile.wallMsMedian), '', extra(cli.bigFile)],
    ['hitl compile samples/ (wall, incl. start-up)', ms(cli.compileSamples?.wallMsMedian), '', extra(cli.compileSamples ?? {})],
    [`hitl compile ${FILES} files (wall, incl. start-up)`, ms(cli.compile1000?.wallMsMedian), '', extra(cli.compile1000 ?? {})],
    [`CLI peak RSS, compile ${FILES} files`, mb(cli.compile1000?.peakRssMb), '', ''],
    [`CLI peak RSS, ${FILES} files`, mb(cli.files1000.peakRssMb), `≤ ${TARGETS.cliRssMb} MB`, '', verdict(cli.files1000.peakRssMb, TARGETS.cliRssMb)],
    [`server: open → all diagnostics, ${FILES} files`, ms(server.files1000.openToAllDiagnosticsMs), `≤ ${ms(TARGETS.openToAllMs1000)}`, openNote(server.files1000), verdict(server.files1000.openToAllDiagnosticsMs, TARGETS.openToAllMs1000)],
    [`edit → diagnostics p50 / p95, ${FILES} files`, pair(server.files1000.edits), `p95 ≤ ${TARGETS.editP95Ms1000} ms`, correct(server.files1000.edits), verdict(server.files1000.edits?.p95, TARGETS.editP95Ms1000)],
    [`edit → diagnostics p50 / p95, ${big.lines}-line file`, pair(server.bigFile.edits), `p95 ≤ ${TARGETS.editP95MsBigFile} ms`, correct(server.bigFile.edits), verdict(server.bigFile.edits?.p95, TARGETS.editP95MsBigFile)],
    [`completion p50 / p95 (keyword), ${FILES} files`, pair(server.files1000.completion?.keyword), `p95 ≤ ${TARGETS.completionP95Ms} ms`, items(server.files1000.completion?.keyword), verdict(server.files1000.completion?.keyword?.p95, TARGETS.completionP95Ms)],
    [`completion p50 / p95 (reference), ${FILES} files`, pair(server.files1000.completion?.reference), `p95 ≤ ${TARGETS.completionP95Ms} ms`, items(server.files1000.completion?.reference), verdict(server.files1000.completion?.reference?.p95, TARGETS.completionP95Ms)],
    [`completion p50 / p95 (keyword), ${big.lines}-line file`, pair(server.bigFile.completion?.keyword), `p95 ≤ ${TARGETS.completionP95Ms} ms`, items(server.bigFile.completion?.keyword), verdict(server.bigFile.completion?.keyword?.p95, TARGETS.completionP95Ms)],
    [`completion p50 / p95 (reference), ${big.lines}-line file`, pair(server.bigFile.completion?.reference), `p95 ≤ ${TARGETS.completionP95Ms} ms`, items(server.bigFile.completion?.reference), verdict(server.bigFile.completion?.reference?.p95, TARGETS.completionP95Ms)],
    [`server peak RSS, ${FILES} files`, mb(server.files1000.peakRssMb), `≤ ${TARGETS.serverRssMb} MB`, '', verdict(server.files1000.peakRssMb, TARGETS.serverRssMb)],
    [`server peak RSS, ${big.lines}-line file`, mb(server.bigFile.peakRssMb), '', ''],
    [`server: open → diagnostics, ${long.steps}-step workflow`, ms(server.longWorkflow.openToDiagnosticsMs), '', server.longWorkflow.openCpuMs === undefined ? '' : `server CPU ${ms(server.longWorkflow.openCpuMs)}`],
    [`keystroke → diagnostics p50 / p95, ${long.steps}-step workflow`, pair(server.longWorkflow.keystrokes), `≤ ${TARGETS.keystrokeMsLongWorkflow} ms`, keystrokeNote(server.longWorkflow.keystrokes), verdict(server.longWorkflow.keystrokes?.max, TARGETS.keystrokeMsLongWorkflow)],
    [`hover + completion during its validation p50 / p95`, pair(server.longWorkflow.duringValidation), `p95 ≤ ${TARGETS.answerDuringValidationMs} ms`, duringNote(server.longWorkflow.duringValidation), verdict(server.longWorkflow.duringValidation?.p95, TARGETS.answerDuringValidationMs)],
];
console.log('');
console.log(`hitl bench — ${results.machine.cpus} CPUs, Node ${results.node.replace(/^v/, '')}, ${RUNS} CLI runs, ${EDITS} edits, ${COMPLETIONS} completions; load average ${loadAverageAtStart[0]} at start, ${results.machine.loadAverageAtEnd[0]} at end`);
console.log(`workspaces: ${FILES} workflow files + organisation.hitl = ${workspaceLines} lines; single file ${big.lines} lines; samples/ ${sampleFiles.length} files, ${sampleLines} lines`);
console.log(table(['measure', 'result', 'target', 'notes', ''], rows));
console.log(`\nwrote ${rel(resultsFile)} in ${results.benchSeconds} s`);
if (problems.length > 0) {
    console.error(`\nbench: could not measure everything:\n- ${problems.join('\n- ')}`);
    process.exit(1);
}

// ------------------------------------------------------------------ helpers

function runVersion() {
    // The Node that runs the CLI and the server, not necessarily the one running this script.
    try {
        return execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim();
    } catch {
        return 'unknown';
    }
}

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function percentiles(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const rank = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
    return { p50: rank(50), p95: rank(95), max: sorted.at(-1) };
}

function roundNumbers(_key, value) {
    return typeof value === 'number' && !Number.isInteger(value) ? +value.toFixed(1) : value;
}

function ms(value) {
    return value === undefined ? 'n/a' : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

function mb(value) {
    return value === undefined || Number.isNaN(value) ? 'n/a' : `${value.toFixed(0)} MB`;
}

function pair(p) {
    return p ? `${ms(p.p50)} / ${ms(p.p95)}` : 'n/a';
}

function extra(r) {
    if (!r || r.error) return r?.error ?? '';
    const cpu = r.cpuMsMedian === undefined ? '' : `CPU ${ms(r.cpuMsMedian)}, `;
    return `${cpu}min ${ms(r.wallMsMin)}, RSS ${mb(r.peakRssMb)}; ${r.summary}`;
}

/** CPU, peak RSS and the speed-up over one thread; more workers than cores only add their start-up and parsing. */
function workersNote(r, one, jobs) {
    if (!r || r.error) return r?.error ?? '';
    const speedUp = jobs === 1 || !one?.wallMsMedian ? '' : `, speed-up ×${(one.wallMsMedian / r.wallMsMedian).toFixed(2)}`;
    const overhead = jobs > os.cpus().length ? ` (more workers than the ${os.cpus().length} cores: the overhead shows)` : '';
    return `${extra(r)}${speedUp}${overhead}`;
}

function correct(e) {
    if (!e) return '';
    const cpu = e.cpuPerEditMs === undefined ? '' : `server CPU ${ms(e.cpuPerEditMs)}/edit; `;
    return `${cpu}${e.correct}/${e.count} publishes matched their edit`;
}

function items(c) {
    if (!c) return '';
    const cpu = c.cpuPerRequestMs === undefined ? '' : `; server CPU ${ms(c.cpuPerRequestMs)}/request`;
    return `${c.items} items at ${c.line}:${c.character}${cpu}`;
}

function openNote(r) {
    if (r.openToFileDiagnosticsMs === undefined) return '';
    const cpu = r.openToAllCpuMs === undefined ? '' : `; server CPU from its start ${ms(r.openToFileCpuMs)} / ${ms(r.openToAllCpuMs)}`;
    return `the open file's diagnostics after ${ms(r.openToFileDiagnosticsMs)}${cpu}`;
}

function keystrokeNote(k) {
    return k ? `server CPU ${ms(k.cpuPerKeystrokeMs)}/keystroke; ${k.correct}/${k.count} publishes matched their edit` : '';
}

function duringNote(d) {
    return d ? `${d.beforePublish}/${d.requests} answered before the keystroke's diagnostics, ${d.answered} with a result` : '';
}

function verdict(value, target) {
    if (value === undefined || Number.isNaN(value)) return 'not measured';
    return value <= target ? 'met' : 'MISSED';
}

function table(header, body) {
    const all = [header, ...body];
    const widths = header.map((_, i) => Math.max(...all.map((row) => String(row[i] ?? '').length)));
    const line = (row) => row.map((cell, i) => String(cell ?? '').padEnd(widths[i])).join('  ').trimEnd();
    return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function rel(p) {
    return path.relative(ROOT, p) || '.';
}

function log(message) {
    console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);
}

