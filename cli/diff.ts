import { parseArgs } from 'node:util';
import { ruleDoc } from '../language/documentation/rule-docs.js';
import { diffModels } from '../language/diff/diff-models.js';
import { diffFindings } from '../language/diff/formats/findings.js';
import { formatDiffJson } from '../language/diff/formats/json.js';
import { formatDiffMarkdown } from '../language/diff/formats/markdown.js';
import { formatDiffText } from '../language/diff/formats/text.js';
import { changeCatalogue } from '../language/diff/kinds.js';
import { formatGithub } from '../language/headless/formats/github.js';
import { formatSarif } from '../language/headless/formats/sarif.js';
import { plainStyle } from '../language/headless/formats/text.js';
import { parseDate } from '../language/util/quantities.js';
import { compileSide, openSide, sideOf } from './diff-sides.js';
import { UsageError, type CliIo } from './io.js';
import { colourStyle } from './terminal-style.js';
import { writeReport } from './workspace.js';

const FORMATS = ['text', 'json', 'markdown', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `Usage: hitl diff BASE [HEAD] [options]

The governance changes between two revisions of the workspace: BASE and HEAD are git revisions
(read from git, nothing checked out) or folders; HEAD defaults to the working tree. Exit 1 when
a change weakens governance in a workflow whose version was not raised or that names no change
approver; 0 otherwise; 2 on a usage error. See docs/review.md.

Options:
  -f, --format <text|json|markdown|sarif|github>  Output format (default: text)
  -o, --output <file>                              Write the report to a file instead of stdout
      --today <YYYY-MM-DD>                         Date for suppression expiry (default: today, UTC)
  -h, --help                                       Show this help
`;

/** `hitl diff BASE [HEAD]`: compile both sides and compare the models. */
export async function diff(args: readonly string[], io: CliIo, version: string): Promise<number> {
    const { values, positionals } = parseArgs({
        args: [...args],
        allowPositionals: true,
        options: { format: { type: 'string', short: 'f', default: 'text' }, output: { type: 'string', short: 'o' }, today: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
        io.stdout(HELP);
        return 0;
    }
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown diff format '${values.format}'; use one of ${FORMATS.join(', ')}`);
    if (positionals.length < 1 || positionals.length > 2) throw new UsageError(`diff takes BASE and an optional HEAD, such as 'hitl diff main' or 'hitl diff old/ new/'`);
    const today = values.today === undefined ? undefined : parseDate(values.today);
    if (values.today !== undefined && !today) throw new UsageError(`--today takes a date such as 2027-03-31, not '${values.today}'`);
    const now = () => today ?? new Date();

    const [baseSide, headSide] = [sideOf(positionals[0], io.cwd), sideOf(positionals[1], io.cwd)];
    // One side after the other: each workspace is built, compiled and let go before the next.
    const base = await compileSide(await openSide(baseSide), now);
    const head = await compileSide(await openSide(headSide), now);
    const changes = diffModels(base, head);
    const sides = { base: baseSide.label, head: headSide.label };
    const output = render(format);
    function render(chosen: Format): string {
        switch (chosen) {
            case 'json':
                return formatDiffJson(changes, sides, version);
            case 'markdown':
                return formatDiffMarkdown(changes, sides, head);
            case 'sarif':
                return formatSarif(diffFindings(changes), { toolVersion: version, rules: changeCatalogue, help: ruleDoc, docsBaseUrl: process.env.HITL_DOCS_BASE_URL });
            case 'github':
                return formatGithub(diffFindings(changes));
            case 'text':
                return formatDiffText(changes, sides, io.colour && !values.output ? colourStyle : plainStyle);
        }
    }
    if (values.output) await writeReport(io, values.output, output);
    else io.stdout(output);
    return changes.summary.errors > 0 ? 1 : 0;
}
