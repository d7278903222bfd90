import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs, styleText } from 'node:util';
import { NodeFileSystem } from 'langium/node';
import { createHitlServices } from '../hitl-module.js';
import { ruleDoc } from '../documentation/rule-docs.js';
import { ruleCatalogue } from '../validation/registry.js';
import { summarise, type CheckResult } from './check-result.js';
import { formatGithub } from './formats/github.js';
import { formatJson } from './formats/json.js';
import { formatSarif } from './formats/sarif.js';
import { formatText, plainStyle, type TextStyle } from './formats/text.js';
import { checkFiles, collectHitlFiles, UsageError } from './workspace-loader.js';

declare const HITL_VERSION: string;
const VERSION = typeof HITL_VERSION === 'string' ? HITL_VERSION : '0.0.0-dev';

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `hitl ${VERSION} — governed AI-in-the-loop workflows as code

Usage:
  hitl check [paths...] [options]   Check .hitl files and folders (recursively)

Options for check:
  -f, --format <text|json|sarif|github>  Output format (default: text)
      --max-warnings <n>                 Fail (exit 1) when there are more than n warnings
  -w, --workspace <path>                 Also load these files or folders to resolve references,
                                         without reporting on them (repeatable)
  -o, --output <file>                    Write the report to a file instead of stdout

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
        if (error instanceof UsageError) {
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

export interface CliIo {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
    readonly writeFile: (file: string, text: string) => Promise<void>;
    readonly cwd: string;
    readonly colour: boolean;
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
    throw new UsageError(`unknown command '${command}'; run 'hitl --help' for the commands`);
}

async function check(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
        args: [...args],
        allowPositionals: true,
        options: {
            format: { type: 'string', short: 'f', default: 'text' },
            'max-warnings': { type: 'string' },
            workspace: { type: 'string', short: 'w', multiple: true },
            output: { type: 'string', short: 'o' },
            help: { type: 'boolean', short: 'h' },
        },
    });
    if (values.help) {
        io.stdout(HELP);
        return 0;
    }
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${values.format}'; use one of ${FORMATS.join(', ')}`);
    const maxWarnings = parseMaxWarnings(values['max-warnings']);
    const inputs = positionals.length > 0 ? positionals : ['.'];
    const files = await collectHitlFiles(inputs, io.cwd);
    if (files.length === 0) throw new UsageError(`no .hitl files found in ${inputs.join(', ')}`);
    const context = values.workspace ? await collectHitlFiles(values.workspace, io.cwd) : [];

    const { shared } = createHitlServices(NodeFileSystem);
    const root = repositoryRoot(io.cwd);
    const { result } = await checkFiles(shared, { files, context, cwd: root });
    // A report written to a file never carries colour codes, whatever the terminal.
    const report = render(result, format, io.colour && !values.output);
    if (values.output) {
        await writeReport(io, values.output, report);
    } else {
        io.stdout(report);
    }
    const summary = summarise(result);
    if (summary.errors > 0) return 1;
    if (maxWarnings !== undefined && summary.warnings > maxWarnings) {
        io.stderr(`hitl: ${summary.warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
        return 1;
    }
    return 0;
}

/** Digits only: `Number()` would also take '', '1e3' and '0x10'. */
function parseMaxWarnings(given: string | undefined): number | undefined {
    if (given === undefined) return undefined;
    if (!/^\d+$/.test(given)) throw new UsageError(`--max-warnings takes a whole number of 0 or more, not '${given}'`);
    return Number(given);
}

async function writeReport(io: CliIo, output: string, report: string): Promise<void> {
    try {
        await io.writeFile(path.resolve(io.cwd, output), report);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        throw new UsageError(`${output}: cannot write the report (${code})`);
    }
}

function render(result: CheckResult, format: Format, colour: boolean): string {
    switch (format) {
        case 'json':
            return formatJson(result, VERSION);
        case 'sarif':
            return formatSarif(result, { toolVersion: VERSION, rules: ruleCatalogue, help: ruleDoc });
        case 'github':
            return formatGithub(result);
        case 'text':
            return formatText(result, colour ? colourStyle : plainStyle);
    }
}

const colourStyle: TextStyle = {
    error: (t) => styleText(['bold', 'red'], t, { validateStream: false }),
    warning: (t) => styleText(['bold', 'yellow'], t, { validateStream: false }),
    info: (t) => styleText('cyan', t, { validateStream: false }),
    dim: (t) => styleText('dim', t, { validateStream: false }),
};

/**
 * Paths in reports are relative to the repository root (the nearest folder with `.git`),
 * as code scanning expects; outside a repository, to the working directory.
 */
function repositoryRoot(cwd: string): string {
    for (let dir = cwd; ; dir = path.dirname(dir)) {
        if (existsSync(path.join(dir, '.git'))) return dir;
        if (path.dirname(dir) === dir) return cwd;
    }
}
