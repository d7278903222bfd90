import { readFile } from 'node:fs/promises';
import { URI } from 'langium';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { compileModel } from '../language/compiler/index.js';
import { summarise as summariseCheck } from '../language/headless/check-result.js';
import { formatText, plainStyle } from '../language/headless/formats/text.js';
import type { HitlModel, Workflow } from '../language/model/schema.js';
import { ScenarioError, scenarioFor as locateScenario, type ScenarioChoice } from '../language/workspace/scenario-location.js';
import {
    DEFAULT_REPLICATIONS,
    DEFAULT_SEED,
    DEFAULT_SLA_TARGET,
    MAX_CASE_RUNS,
    MAX_SWEEP_STAFFINGS,
    partiesAtStations,
    withVolume,
    workflowSimulation,
    type StaffingRange,
} from '../language/simulator/workflow-simulation.js';
import { nearestNames } from '../language/references/nearest-names.js';
import { parseBudget, unknownSubject, type Budget } from '../language/simulator/budgets.js';
import type { Scenario } from '../language/simulator/scenario.js';
import { simulateRun, type RunOptions } from '../language/simulator/engine.js';
import { renderTrace } from '../language/simulator/report/trace.js';
import { renderHtml } from '../language/simulator/report/html.js';
import { renderMarkdown } from '../language/simulator/report/markdown.js';
import { renderJson, simulationReport, type WorkflowSimulation } from '../language/simulator/report/simulation-report.js';
import { renderText } from '../language/simulator/report/text.js';
import { parseDuration } from '../language/util/quantities.js';
import { chartLibrary } from './chart-library.js';
import { relativePath } from './compile.js';
import { UsageError, wholeNumber, type CliIo } from './io.js';
import { AtomicFileStream, processIsAlive } from './atomic-write.js';
import { ReplicationRunner } from './replications.js';
import { checkOutputPath, loadWorkspace, writeReport } from './workspace.js';

// `hitl simulate`: seeded Monte Carlo runs of each workflow, with its scenario file or the
// documented defaults. The simulator is pure (language/simulator); this file reads the files,
// runs the replications on a worker pool and writes the report.

const SIMULATE_FORMATS = ['text', 'json', 'markdown', 'html'] as const;
type SimulateFormat = (typeof SIMULATE_FORMATS)[number];


const OPTIONS = {
    workspace: { type: 'string', short: 'w', multiple: true },
    output: { type: 'string', short: 'o' },
    config: { type: 'string', short: 'c' },
    today: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    workflow: { type: 'string' },
    scenario: { type: 'string', short: 's' },
    cases: { type: 'string', short: 'n' },
    horizon: { type: 'string' },
    replications: { type: 'string', short: 'r' },
    seed: { type: 'string' },
    format: { type: 'string', short: 'f' },
    sweep: { type: 'string' },
    'fail-on': { type: 'string', multiple: true },
    jobs: { type: 'string', short: 'j' },
    trace: { type: 'string' },
    'audit-log': { type: 'string' },
} as const;

export async function simulate(args: readonly string[], io: CliIo, version: string, help: string): Promise<number> {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: OPTIONS });
    if (values.help) {
        io.stdout(help);
        return 0;
    }
    const format = formatOf(values.format, values.output);
    const replications = wholeNumber('--replications', values.replications, 1) ?? DEFAULT_REPLICATIONS;
    const seed = wholeNumber('--seed', values.seed, 0) ?? DEFAULT_SEED;
    const cases = wholeNumber('--cases', values.cases, 1);
    const jobs = wholeNumber('--jobs', values.jobs, 1);
    if (cases !== undefined && values.horizon !== undefined) throw new UsageError('give --cases or --horizon, not both');
    const horizon = values.horizon !== undefined ? seconds('--horizon', values.horizon) : undefined;
    if (cases !== undefined && cases * replications > MAX_CASE_RUNS) throw new UsageError(`${cases} cases × ${replications} replications is more than ${MAX_CASE_RUNS.toLocaleString('en-GB')} case runs; lower --cases or --replications`);
    const budgets = (values['fail-on'] ?? []).flatMap((text) => text.split(',')).map(budgetOf);
    const sweep = values.sweep !== undefined ? sweepOf(values.sweep) : undefined;
    const slaTarget = Math.min(DEFAULT_SLA_TARGET, ...budgets.filter((budget) => budget.metric === 'sla-breach' && budget.subject === undefined && budget.operator.startsWith('>')).map((budget) => budget.limit));

    const workspace = await loadWorkspace(positionals, values, io, { validateContext: true, reportContext: true });
    const checked = summariseCheck(workspace.result);
    if (checked.errors > 0) {
        io.stderr(formatText(workspace.result, plainStyle));
        io.stderr('hitl: simulate refused: the workspace has errors; a simulation of a workflow that does not check says nothing\n');
        return 1;
    }
    // The whole workspace, so that every party a scenario may staff is in the model; the workflows
    // simulated are those of the paths given.
    const display = (uri: URI) => relativePath(workspace.workspaceRoot, uri.fsPath);
    const model = compileModel(workspace.documents, { display });
    const given = new Set(workspace.documents.filter((document) => workspace.reportedUris.has(document.uri.toString())).map((document) => display(document.uri)));
    const workflows = chosenWorkflows(model.workflows.filter((workflow) => given.has(workflow.source.file)), values.workflow, positionals);
    if (values.scenario !== undefined && workflows.length > 1) {
        throw new UsageError(`--scenario applies to one workflow; name it with --workflow (${workflows.map((workflow) => workflow.id).join(', ')})`);
    }

    const traceCase = wholeNumber('--trace', values.trace, 0);
    if (traceCase !== undefined) {
        if (workflows.length > 1) throw new UsageError(`--trace follows one case of one workflow; name it with --workflow (${workflows.map((workflow) => workflow.id).join(', ')})`);
        return traceOne(workflows[0], traceCase, model, { scenarioFile: values.scenario, cases, horizon, seed, format, output: values.output, root: workspace.workspaceRoot }, io);
    }
    if (sweep && !workflows.some((workflow) => partiesAtStations(workflow).includes(sweep.party))) {
        const parties = [...new Set(workflows.flatMap(partiesAtStations))].sort();
        const near = nearestNames(sweep.party, parties);
        throw new UsageError(`--sweep: no gate or queue is worked by '${sweep.party}'${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''} (${parties.join(', ') || 'none'})`);
    }

    const auditLogFile = values['audit-log'];
    if (auditLogFile !== undefined) await checkOutputPath(path.resolve(io.cwd, auditLogFile), auditLogFile, [...workspace.sources.map((uri) => uri.fsPath), ...(workspace.config.file ? [workspace.config.file] : [])]);
    const auditLog = auditLogFile !== undefined ? await openAuditLog(path.resolve(io.cwd, auditLogFile), auditLogFile) : undefined;
    /** Per budget naming a subject: the problem it met in a workflow without that subject; it is an error only if no workflow has it. */
    const subjectProblems = new Map<Budget, string[]>();
    const simulations: WorkflowSimulation[] = [];
    const threads = ReplicationRunner.threadsFor(jobs, replications);
    const runner = new ReplicationRunner(threads);
    try {
        for (const workflow of workflows) {
            const { scenario: fromFile, shown } = await scenarioFor(workflow, values.scenario, model, workspace.workspaceRoot, io);
            const scenario = withVolume(fromFile, cases, horizon);
            const label = (what: string) => `${workflow.id}: ${what}`;
            const runWith = (withScenario: Scenario, what: string, onAuditRecord?: RunOptions['onAuditRecord']) =>
                runner.run(model, { workflow: workflow.id, scenario: withScenario, seed, onAuditRecord }, replications, io.progress ? (done) => io.progress!(label(`${what} ${done}/${replications}`)) : undefined);

            // The audit log holds the first replication's records.
            const summary = await runWith(scenario, 'replication', auditLog ? (record) => auditLog.write(`${JSON.stringify(record)}\n`) : undefined);
            for (const budget of budgets) {
                const problem = unknownSubject(budget, summary);
                if (problem) subjectProblems.set(budget, [...(subjectProblems.get(budget) ?? []), problem]);
            }
            simulations.push(await workflowSimulation(workflow, { scenario, shown }, { replications, seed, slaTarget, budgets, sweep }, summary, runWith));
        }
        const nowhere = budgets.find((budget) => (subjectProblems.get(budget)?.length ?? 0) === workflows.length);
        if (nowhere) throw new UsageError(subjectProblems.get(nowhere)![0]);
        await auditLog?.commit();
    } finally {
        io.progress?.('');
        await runner.close();
        auditLog?.discard();
    }

    const report = simulationReport(version, simulations);
    const output = render(report, format);
    if (values.output !== undefined) await writeReport(io, values.output, output);
    else io.stdout(output);
    const broken = simulations.flatMap((simulation) => simulation.broken.map((entry) => ({ ...entry, workflow: simulation.workflow })));
    for (const entry of broken) io.stderr(`hitl: budget broken in ${entry.workflow}: ${entry.budget}${entry.subject !== undefined ? ` at ${entry.subject}` : ''}\n`);
    return broken.length > 0 ? 1 : 0;
}

function render(report: ReturnType<typeof simulationReport>, format: SimulateFormat): string {
    switch (format) {
        case 'json':
            return renderJson(report);
        case 'markdown':
            return renderMarkdown(report);
        case 'html':
            return renderHtml(report, chartLibrary());
        case 'text':
            return renderText(report);
    }
}

/** `--format`, else the output file's extension (.html, .md, .json), else text. */
function formatOf(given: string | undefined, output: string | undefined): SimulateFormat {
    if (given !== undefined) {
        if (!SIMULATE_FORMATS.includes(given as SimulateFormat)) throw new UsageError(`unknown simulate format '${given}'; use ${SIMULATE_FORMATS.join(', ')}`);
        return given as SimulateFormat;
    }
    const extension = output !== undefined ? path.extname(output).toLowerCase() : '';
    return extension === '.html' || extension === '.htm' ? 'html' : extension === '.md' ? 'markdown' : extension === '.json' ? 'json' : 'text';
}

function seconds(option: string, given: string): number {
    const duration = parseDuration(given);
    if (!duration || duration.milliseconds <= 0) throw new UsageError(`${option} takes a duration such as 30d, 12h or 2w, not '${given}'`);
    return duration.milliseconds / 1000;
}

function budgetOf(text: string): Budget {
    const parsed = parseBudget(text);
    if ('error' in parsed) throw new UsageError(`--fail-on: ${parsed.error}`);
    return parsed;
}

/** `Underwriter=1..8` (or `Underwriter=3`). */
function sweepOf(text: string): StaffingRange {
    const match = /^([A-Za-z_][\w-]*)=(\d{1,4})(?:\.\.(\d{1,4}))?$/.exec(text);
    if (!match) throw new UsageError(`--sweep takes a party and a range of staff, such as Underwriter=1..8, not '${text}'`);
    const from = Number(match[2]);
    const to = match[3] !== undefined ? Number(match[3]) : from;
    if (from < 1 || to < from) throw new UsageError(`--sweep ${text}: the range must start at 1 or more and not end below its start`);
    if (to - from >= MAX_SWEEP_STAFFINGS) throw new UsageError(`--sweep ${text}: at most ${MAX_SWEEP_STAFFINGS} staffings in one sweep`);
    return { party: match[1], staffs: Array.from({ length: to - from + 1 }, (_, index) => from + index) };
}

function chosenWorkflows(workflows: readonly Workflow[], name: string | undefined, positionals: readonly string[]): Workflow[] {
    const where = positionals.length > 0 ? positionals.join(', ') : '.';
    if (workflows.length === 0) throw new UsageError(`no workflow in ${where}; simulate runs workflows`);
    if (name === undefined) return [...workflows];
    const found = workflows.find((workflow) => workflow.id === name);
    if (found) return [found];
    const near = nearestNames(name, workflows.map((workflow) => workflow.id));
    throw new UsageError(`no workflow '${name}' in ${where}${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''}`);
}

/**
 * The scenario of a workflow (language/workspace/scenario-location.ts): `--scenario` (read from
 * anywhere, relative to the working directory), else the file next to the workflow, else the
 * defaults. Its problems are usage errors with file, line and column.
 */
async function scenarioFor(workflow: Workflow, given: string | undefined, model: HitlModel, root: string, io: CliIo): Promise<ScenarioChoice> {
    const fileSystem = { readFile: (uri: URI) => readFile(uri.fsPath, 'utf8') };
    try {
        return await locateScenario(fileSystem, workflow, model, { root: URI.file(root), ...(given !== undefined ? { given: { uri: URI.file(path.resolve(io.cwd, given)), shown: given } } : {}) });
    } catch (error) {
        if (error instanceof ScenarioError) throw new UsageError(error.message);
        throw error;
    }
}

/** `--audit-log FILE.jsonl`: the first replication's audit records, one JSON object per line, the file replaced only when the run completes. */
async function openAuditLog(file: string, given: string): Promise<AtomicFileStream> {
    try {
        return await AtomicFileStream.open(file, { pid: process.pid, isAlive: processIsAlive });
    } catch (error) {
        throw new UsageError(`${given}: cannot write the audit log (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
}

interface TraceSettings {
    readonly scenarioFile?: string;
    readonly cases?: number;
    readonly horizon?: number;
    readonly seed: number;
    readonly format: SimulateFormat;
    readonly output?: string;
    readonly root: string;
}

/** `--trace K`: case K (counted from 0 in arrival order) of the first replication, step by step. */
async function traceOne(workflow: Workflow, caseNumber: number, model: HitlModel, settings: TraceSettings, io: CliIo): Promise<number> {
    if (settings.format === 'html' || settings.format === 'markdown') throw new UsageError('--trace prints text or json');
    const { scenario: fromFile } = await scenarioFor(workflow, settings.scenarioFile, model, settings.root, io);
    const scenario = withVolume(fromFile, settings.cases, settings.horizon);
    const run = simulateRun(model, { workflow: workflow.id, scenario, seed: settings.seed, replication: 0, traceCase: caseNumber });
    const entries = run.trace ?? [];
    if (entries.length === 0) throw new UsageError(`case ${caseNumber} never arrives in this run of ${workflow.id} (${run.cases.arrived} cases arrived; they are counted from 0)`);
    const output = settings.format === 'json' ? `${JSON.stringify({ workflow: workflow.id, case: caseNumber, seed: settings.seed, trace: entries }, null, 2)}\n` : renderTrace(workflow.id, caseNumber, settings.seed, entries);
    if (settings.output !== undefined) await writeReport(io, settings.output, output);
    else io.stdout(output);
    return 0;
}
