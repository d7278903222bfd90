import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { URI, type LangiumDocument } from 'langium';
import { ruleDoc } from '../language/documentation/rule-docs.js';
import { explainRule, similarCodes } from '../language/documentation/explain.js';
import { formatRules } from '../language/documentation/rule-list.js';
import { buildComplianceReport, hasViolations, reportFindingsOf } from '../language/report/compliance-report.js';
import { compileModel } from '../language/compiler/compile-model.js';
import { exportMermaid } from '../language/exports/mermaid/index.js';
import { renderJson as renderReportJson, renderMarkdown } from '../language/report/render.js';
import { CONFIG_FILE_NAME } from '../language/settings/config-file.js';
import { ruleCatalogue } from '../language/validation/registry.js';
import { summarise, type CheckResult, type Finding } from '../language/headless/check-result.js';
import { parseDate } from '../language/util/quantities.js';
import { againstBaseline, fixedText } from './baseline.js';
import { formatGithub } from '../language/headless/formats/github.js';
import { formatJson } from '../language/headless/formats/json.js';
import { formatSarif } from '../language/headless/formats/sarif.js';
import { formatText, plainStyle } from '../language/headless/formats/text.js';
import { colourStyle } from './terminal-style.js';
import { WorkspaceError } from '../language/headless/workspace-check.js';
import { EXPORT_TARGETS, type ExportTarget } from '../language/exports/export-files.js';
import type { DeploymentFormat } from '../language/generators/index.js';
import { DEPLOYMENT_FORMATS, outputFolderFiles, workflowsIn, type OutputKind } from '../language/headless/output-folder-files.js';
import { checkOutputPlacement, relativePath, sourceDate } from './compile.js';
import { checkOutputFolder, OutputFolderError } from './output-folder.js';
import { CheckWorkerError } from './check-workers.js';
import { UsageError, wholeNumber, type CliIo } from './io.js';
import { simulate } from './simulate.js';
import { diff } from './diff.js';
import { displayPath, loadWorkspace, openWorkspace, parseMaxWarnings, printConfigProblems, WORKSPACE_OPTIONS, writeReport } from './workspace.js';

declare const HITL_VERSION: string;
const VERSION = typeof HITL_VERSION === 'string' ? HITL_VERSION : '0.0.0-dev';

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `hitl ${VERSION} — governed AI-in-the-loop workflows as code

Usage:
  hitl check [paths...] [options]    Check .hitl files and folders (recursively)
  hitl report [paths...] [options]   Compliance matrix G01–G40 for each workflow
  hitl compile [paths...] --out DIR  Runtime configuration, schemas and manifest for each workflow
  hitl export --target <t> [paths...] --out DIR
                                     Each workflow for an engine: bpmn (Camunda 8), asl (AWS Step
                                     Functions) or mermaid (a flowchart for reviews)
  hitl simulate [paths...] [options] Seeded Monte Carlo runs: SLAs, staffing, queues, outcomes
  hitl diff BASE [HEAD] [options]    Governance changes between two revisions or folders
  hitl rules [--format text|json]    List the rule catalogue
  hitl explain <code>                Print the documentation of a rule or a change/* code

Options for check:
  -f, --format <text|json|sarif|github>  Output format (default: text)
      --max-warnings <n>                 Fail (exit 1) when there are more than n warnings
      --baseline <rev>                   Only the findings new since git revision rev (matched as
                                         SARIF's fingerprints); the fixed ones are listed too
      --no-cache                         Check every file afresh: neither read nor write the cache
                                         of earlier runs' findings (node_modules/.cache/hitl)
  -j, --jobs <n>                         Worker threads for a check the cache cannot answer (default:
                                         one per core, at most 4; one for a workspace under 2 MB)

Options for report:
  -f, --format <markdown|json>           Output format (default: markdown)

Options for compile (refuses, writing nothing, a workspace with errors):
  -o, --out <folder>                     The folder to write, replaced as a whole (required)
  -f, --format <yaml|json>               Format of the runtime configuration (default: yaml)
      --max-warnings <n>                 Refuse (exit 1) when there are more than n warnings

Options for export (refuses, writing nothing, a workspace with errors, like compile):
  -t, --target <bpmn|asl|mermaid>        What to write (required)
  -o, --out <folder>                     The folder to write, replaced as a whole (required)
      --max-warnings <n>                 Refuse (exit 1) when there are more than n warnings

Options for simulate (refuses a workspace with errors; see docs/simulate.md):
      --workflow <name>                  Only this workflow (default: every workflow in the paths)
  -s, --scenario <file>                  Scenario (default: <file>.scenario.yaml next to the
                                         workflow's file, else the documented defaults)
  -n, --cases <n> | --horizon <30d>      How many cases arrive, or for how long
  -r, --replications <n>                 Independent replications (default: 10)
      --seed <n>                         Starting number of the random streams (default: 1)
  -f, --format <text|json|markdown|html> Output format (default: text, or from -o's extension)
      --sweep <Party=1..8>               Run each staffing and report the smallest meeting every SLA
      --fail-on <budget>                 Exit 1 when a figure breaks it, such as sla-breach>5%,
                                         cycle-time-p95>2d, without-person>40% (repeatable)
  -j, --jobs <n>                         Worker threads (default: one per core)
      --trace <k>                        Print case k's run step by step (cases count from 0)
      --audit-log <file.jsonl>           Write the audit records of the first replication's cases

Options for diff (BASE and HEAD: git revisions or folders; HEAD defaults to the working tree;
exit 1 on a weakening change not accepted; see docs/review.md):
  -f, --format <text|json|markdown|sarif|github>  Output format (default: text)

Options for check, report, compile and simulate:
  -w, --workspace <path>                 Also load these files or folders to resolve references,
                                         without reporting on them (repeatable)
  -o, --output <file>                    Write the report to a file instead of stdout
  -c, --config <file>                    Rule settings (default: ${CONFIG_FILE_NAME} in the working
                                         directory or a parent, up to the repository root)
      --today <YYYY-MM-DD>               Date for expiry checks (default: today, UTC); compile
                                         also records it in the manifest (as SOURCE_DATE_EPOCH does)

General:
  -h, --help        Show this help
  -v, --version     Show the version

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage or I/O error.
Colour is used only on a terminal, and never when NO_COLOR is set.
`;

/** Runs the CLI and returns its exit code; output goes through the given writers. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
    try {
        return await dispatch(argv, io);
    } catch (error) {
        if (error instanceof UsageError || error instanceof WorkspaceError || error instanceof OutputFolderError || error instanceof CheckWorkerError) {
            io.stderr(`hitl: ${error.message}\n`);
            return 2;
        }
        const typed = error as { code?: string; message?: string };
        if (typed.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || typed.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || typed.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
            io.stderr(`hitl: ${typed.message}\nRun 'hitl --help' for usage.\n`);
            return 2;
        }
        io.stderr(`hitl: internal error: ${(error as Error).stack ?? String(error)}\n`);
        return 2;
    }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
    const [command, ...rest] = argv;
    if (command === undefined) {
        // No command is a usage error: the help goes to stderr so that stdout stays empty.
        io.stderr(HELP);
        return 2;
    }
    if (command === '-h' || command === '--help' || command === 'help') {
        io.stdout(HELP);
        return 0;
    }
    if (command === '-v' || command === '--version') {
        io.stdout(`${VERSION}\n`);
        return 0;
    }
    if (command === 'check') return check(rest, io);
    if (command === 'report') return report(rest, io);
    if (command === 'compile') return compile(rest, io);
    if (command === 'export') return exportCommand(rest, io);
    if (command === 'simulate') return simulate(rest, io, VERSION, HELP);
    if (command === 'diff') return diff(rest, io, VERSION);
    if (command === 'rules') return rules(rest, io);
    if (command === 'explain') return explain(rest, io);
    throw new UsageError(`unknown command '${command}'; run 'hitl --help' for the commands`);
}

async function check(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
        args: [...args],
        allowPositionals: true,
        options: { ...WORKSPACE_OPTIONS, format: { type: 'string', short: 'f', default: 'text' }, 'max-warnings': { type: 'string' }, baseline: { type: 'string' }, 'no-cache': { type: 'boolean' }, jobs: { type: 'string', short: 'j' } },
    });
    if (values.help) {
        io.stdout(HELP);
        return 0;
    }
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${values.format}'; use one of ${FORMATS.join(', ')}`);
    const maxWarnings = parseMaxWarnings(values['max-warnings']);
    const parallel = { jobs: wholeNumber('--jobs', values.jobs, 1) };
    const { result: checked } = await loadWorkspace(positionals, values, io, values['no-cache'] ? { parallel } : { cache: { version: VERSION }, parallel });
    const now = () => (values.today !== undefined ? parseDate(values.today)! : new Date());
    const baseline = values.baseline === undefined ? undefined : await againstBaseline(checked, values.baseline, positionals, io.cwd, now);
    const result = baseline?.result ?? checked;
    // A report written to a file never carries colour codes, whatever the terminal.
    let output = render(result, format, io.colour && !values.output, baseline && { revision: values.baseline!, fixed: baseline.fixed });
    if (baseline && format === 'text') output += fixedText(baseline.fixed, values.baseline!);
    if (baseline && (format === 'sarif' || format === 'github')) io.stderr(fixedText(baseline.fixed, values.baseline!));
    if (values.output) {
        await writeReport(io, values.output, output);
    } else {
        io.stdout(output);
        // Its output depends on the command line and the files the run looked at, nothing else (git's history for a baseline).
        if (!values['no-cache'] && !baseline) io.lastRun?.allowReplay();
    }
    const summary = summarise(result);
    if (summary.errors > 0) return 1;
    if (maxWarnings !== undefined && summary.warnings > maxWarnings) {
        io.stderr(`hitl: ${summary.warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
        return 1;
    }
    return 0;
}

const REPORT_FORMATS = ['markdown', 'json'] as const;

/** `hitl report`: exit 0 when no requirement is violated, in a workflow or outside every workflow; 1 otherwise (like check). */
async function report(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
        args: [...args],
        allowPositionals: true,
        options: { ...WORKSPACE_OPTIONS, format: { type: 'string', short: 'f', default: 'markdown' } },
    });
    if (values.help) {
        io.stdout(HELP);
        return 0;
    }
    const format = values.format as (typeof REPORT_FORMATS)[number];
    if (!REPORT_FORMATS.includes(format)) throw new UsageError(`unknown report format '${values.format}'; use markdown or json`);
    const { documents, root, reportedUris, config } = await loadWorkspace(positionals, values, io, { validateContext: true });
    printConfigProblems(config, io);
    const reported = documents.filter((document) => reportedUris.has(document.uri.toString()));
    // Findings in context files count too: a workflow answers for the shared declarations it uses.
    const findings = documents.flatMap((document) => reportFindingsOf(document));
    const compliance = buildComplianceReport(reported, findings, ruleCatalogue, (uri) => displayPath(root, URI.parse(uri).fsPath));
    const output = format === 'json' ? renderReportJson(compliance, VERSION) : renderMarkdown(compliance, VERSION, flowcharts(documents, root));
    if (values.output) {
        await writeReport(io, values.output, output);
    } else {
        io.stdout(output);
    }
    return hasViolations(compliance) ? 1 : 0;
}

/** Each workflow's Mermaid flowchart, by name, for the Markdown report. */
function flowcharts(documents: readonly LangiumDocument[], root: string): Map<string, string> {
    const model = compileModel(documents, { display: (uri) => displayPath(root, uri.fsPath) });
    return new Map(model.workflows.map((workflow) => [workflow.id, exportMermaid(model, workflow.id)]));
}

const OUTPUT_FOLDER_OPTIONS = {
    workspace: { type: 'string', short: 'w', multiple: true },
    out: { type: 'string', short: 'o' },
    format: { type: 'string', short: 'f' },
    target: { type: 'string', short: 't' },
    'max-warnings': { type: 'string' },
    config: { type: 'string', short: 'c' },
    today: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
} as const;

function parseOutputFolderArgs(args: readonly string[]) {
    return parseArgs({ args: [...args], allowPositionals: true, options: OUTPUT_FOLDER_OPTIONS });
}
type OutputFolderArgs = ReturnType<typeof parseOutputFolderArgs>;

function help(io: CliIo): number {
    io.stdout(HELP);
    return 0;
}

/** What `compile` and `export` write (language/headless/output-folder-files.ts), and how to show an example. */
interface OutputFolderCommand {
    readonly kind: OutputKind;
    readonly example: string;
}

/**
 * `hitl compile`: the runtime configuration and audit-record schema of each workflow, the
 * configuration's JSON Schema and the manifest.
 */
async function compile(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseOutputFolderArgs(args);
    const { values } = parsed;
    if (values.help) return help(io);
    if (values.target !== undefined) throw new UsageError(`compile takes --format yaml|json; --target is for 'hitl export'`);
    const format = (values.format ?? 'yaml') as DeploymentFormat;
    if (!DEPLOYMENT_FORMATS.includes(format)) throw new UsageError(`unknown compile format '${values.format}'; use yaml or json`);
    return writeOutputFolder(parsed, io, { kind: { command: 'compile', format }, example: 'hitl compile samples --out build/deploy' });
}

/** `hitl export --target bpmn|asl|mermaid`: each workflow in the format of an engine, or as a diagram. */
async function exportCommand(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseOutputFolderArgs(args);
    const { values } = parsed;
    if (values.help) return help(io);
    if (values.format !== undefined) throw new UsageError(`export takes --target ${EXPORT_TARGETS.join('|')}; --format is for 'hitl compile'`);
    if (values.target === undefined) throw new UsageError(`export needs --target ${EXPORT_TARGETS.join('|')}, such as 'hitl export --target bpmn samples --out build/bpmn'`);
    const target = values.target as ExportTarget;
    if (!EXPORT_TARGETS.includes(target)) throw new UsageError(`unknown export target '${values.target}'; use ${EXPORT_TARGETS.join(', ')}`);
    return writeOutputFolder(parsed, io, { kind: { command: 'export', target }, example: `hitl export --target ${target} samples --out build/${target}` });
}

/**
 * The common part of compile and export: checks the whole workspace as `check` does and refuses
 * (exit 1, nothing written) when it has errors or more warnings than `--max-warnings`; otherwise
 * writes the files of the workflows in the paths given and `manifest.json` into `--out`,
 * replacing the folder atomically. Findings go to stderr in the text format (stdout carries one
 * summary line on success), so that a pipeline's log shows them either way.
 */
async function writeOutputFolder({ values, positionals }: OutputFolderArgs, io: CliIo, command: OutputFolderCommand): Promise<number> {
    const { command: name } = command.kind;
    if (values.out === undefined) throw new UsageError(`${name} needs --out <folder>, such as '${command.example}'`);
    const maxWarnings = parseMaxWarnings(values['max-warnings']);
    const generatedOn = buildDate(values.today, process.env.SOURCE_DATE_EPOCH);
    const out = path.resolve(io.cwd, values.out);

    const workspace = await loadWorkspace(positionals, values, io, { validateContext: true, reportContext: true });
    const inputs = [...workspace.sources.map((uri) => uri.fsPath), ...(workspace.config.file ? [workspace.config.file] : [])];
    checkOutputPlacement(out, values.out, { root: workspace.workspaceRoot, inputs, show: (file) => displayPath(io.cwd, file) });
    await checkOutputFolder(out, values.out);

    const summary = summarise(workspace.result);
    if (summary.errors + summary.warnings + summary.infos > 0) io.stderr(formatText(workspace.result, plainStyle));
    const tooManyWarnings = maxWarnings !== undefined && summary.warnings > maxWarnings;
    if (summary.errors > 0 || tooManyWarnings) {
        const why = summary.errors > 0 ? 'the workspace has errors' : `${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}`;
        io.stderr(`hitl: ${name} refused: ${why}; nothing written to ${values.out}\n`);
        return 1;
    }

    const compiled = workspace.documents.filter((document) => workspace.reportedUris.has(document.uri.toString()));
    const workflows = workflowsIn(compiled).length;
    if (workflows === 0) throw new UsageError(`no workflow in ${positionals.length > 0 ? positionals.join(', ') : '.'}; there is nothing to ${name}`);
    // Paths in the output are relative to the workspace root: the same from any working directory.
    const display = (uri: URI) => relativePath(workspace.workspaceRoot, uri.fsPath);
    const sourceFiles = [...workspace.sources, ...(workspace.config.file ? [URI.file(workspace.config.file)] : [])];
    const sources = await Promise.all(sourceFiles.map(async (uri) => ({ uri, content: await workspace.fileSystem.readBinary(uri) })));
    const files = outputFolderFiles({ kind: command.kind, toolVersion: VERSION, generatedOn, compiled, documents: workspace.documents, sources, display });
    try {
        await io.writeFolder(out, files);
    } catch (error) {
        if (error instanceof OutputFolderError) throw error;
        throw new UsageError(`${values.out}: cannot write the output (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    const verb = command.kind.command === 'compile' ? 'Compiled' : `Exported (${command.kind.target})`;
    io.stdout(`${verb} ${workflows} workflow${workflows === 1 ? '' : 's'} into ${values.out}: ${files.length} files\n`);
    return 0;
}

/** The date recorded in the manifest: `--today`, else `SOURCE_DATE_EPOCH`, else none (the output carries no time). */
function buildDate(today: string | undefined, epoch: string | undefined): string | undefined {
    if (today !== undefined) return today; // checked by `configure`
    if (epoch === undefined || epoch === '') return undefined;
    const date = sourceDate(epoch);
    if (date === undefined) throw new UsageError(`SOURCE_DATE_EPOCH takes whole seconds since 1970-01-01 UTC, not '${epoch}'`);
    return date;
}

async function rules(args: readonly string[], io: CliIo): Promise<number> {
    const { values } = parseArgs({ args: [...args], options: { format: { type: 'string', short: 'f', default: 'text' }, config: { type: 'string', short: 'c' } } });
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown format '${values.format}'; use text or json`);
    const { Hitl, config } = await openWorkspace(io.cwd, values, io);
    printConfigProblems(config, io);
    io.stdout(formatRules(ruleCatalogue, values.format, (rule) => Hitl.governance.RuleSettings.severityOf(rule)));
    return 0;
}

async function explain(args: readonly string[], io: CliIo): Promise<number> {
    const { positionals } = parseArgs({ args: [...args], allowPositionals: true, options: {} });
    if (positionals.length !== 1) throw new UsageError(`explain takes one rule code, such as 'hitl explain flow/dead-end'`);
    const page = explainRule(positionals[0]);
    if (!page) {
        const similar = similarCodes(positionals[0]);
        throw new UsageError(`no rule '${positionals[0]}'${similar.length > 0 ? `; did you mean ${similar.join(', ')}?` : ''} ('hitl rules' lists them all)`);
    }
    io.stdout(page);
    return 0;
}

function render(result: CheckResult, format: Format, colour: boolean, baseline?: { revision: string; fixed: readonly Finding[] }): string {
    switch (format) {
        case 'json':
            return formatJson(result, VERSION, baseline ? { baseline } : {});
        case 'sarif':
            return formatSarif(result, { toolVersion: VERSION, rules: ruleCatalogue, help: ruleDoc, docsBaseUrl: process.env.HITL_DOCS_BASE_URL });
        case 'github':
            return formatGithub(result);
        case 'text':
            return formatText(result, colour ? colourStyle : plainStyle);
    }
}

