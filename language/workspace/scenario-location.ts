import { posix } from 'node:path';
import { UriUtils, type FileSystemProvider, type URI } from 'langium';
import type { HitlModel, Workflow } from '../model/schema.js';
import { parseArrivalTrace } from '../simulator/arrivals.js';
import { parseScenario } from '../simulator/scenario-file.js';
import type { Scenario } from '../simulator/scenario.js';

// Where a workflow's scenario is, the same for `hitl simulate` and the editor: the file given,
// else `<file>.<Workflow>.scenario.yaml` or `<file>.scenario.yaml` next to the workflow's source,
// else the documented defaults. Read through the file system the shell passes in.

/** A scenario (or the arrival trace it names) that cannot be read or has problems; the message names file:line:column. */
export class ScenarioError extends Error {}

export interface ScenarioChoice {
    readonly scenario: Scenario;
    /** The scenario file relative to the workspace root (as given, when given), or `defaults`. */
    readonly shown: string;
}

/** At most this many problems are listed; the rest are counted. */
const SHOWN_PROBLEMS = 20;

export async function scenarioFor(
    fileSystem: Pick<FileSystemProvider, 'readFile'>,
    workflow: Workflow,
    model: HitlModel,
    where: { readonly root: URI; readonly given?: { readonly uri: URI; readonly shown: string } },
): Promise<ScenarioChoice> {
    const candidates: Array<{ uri: URI; shown: string; required: boolean }> = [];
    if (where.given) {
        candidates.push({ ...where.given, required: true });
    } else {
        const source = UriUtils.resolvePath(where.root, workflow.source.file);
        const stem = UriUtils.basename(source).replace(/\.hitl$/, '');
        for (const name of [`${stem}.${workflow.id}.scenario.yaml`, `${stem}.scenario.yaml`]) {
            const uri = UriUtils.joinPath(UriUtils.dirname(source), name);
            candidates.push({ uri, shown: UriUtils.relative(where.root, uri), required: false });
        }
    }
    for (const candidate of candidates) {
        let text: string;
        try {
            text = await fileSystem.readFile(candidate.uri);
        } catch (error) {
            const code = errorCode(error);
            if (!candidate.required && code === 'ENOENT') continue;
            throw new ScenarioError(`${candidate.shown}: cannot read the scenario (${code ?? String(error)})`);
        }
        const parsed = parseScenario(text, model, workflow.id);
        if (!parsed.ok) {
            const lines = parsed.problems.map((problem) => `${candidate.shown}:${problem.line}:${problem.column}: ${problem.message}`);
            throw new ScenarioError(`the scenario of ${workflow.id} has problems:\n${listed(lines)}`);
        }
        return { scenario: await withArrivalTrace(fileSystem, parsed.scenario, candidate.uri, candidate.shown), shown: candidate.shown };
    }
    return { scenario: {}, shown: 'defaults' };
}

/** A `trace` of arrivals: the CSV file it names (relative to the scenario file) read into arrival times. */
async function withArrivalTrace(fileSystem: Pick<FileSystemProvider, 'readFile'>, scenario: Scenario, scenarioFile: URI, shownScenario: string): Promise<Scenario> {
    if (scenario.arrivals?.kind !== 'trace') return scenario;
    const file = UriUtils.resolvePath(UriUtils.dirname(scenarioFile), scenario.arrivals.file);
    const shown = posix.join(posix.dirname(shownScenario), scenario.arrivals.file);
    let text: string;
    try {
        text = await fileSystem.readFile(file);
    } catch (error) {
        throw new ScenarioError(`${shown}: cannot read the arrival trace that ${shownScenario} names (${errorCode(error) ?? String(error)})`);
    }
    const parsed = parseArrivalTrace(text, scenario.arrivals.column, scenario);
    if (!parsed.ok) throw new ScenarioError(`the arrival trace has problems:\n${listed(parsed.problems.map((problem) => `${shown}:${problem.line}: ${problem.message}`))}`);
    return { ...scenario, arrivalTimes: parsed.times };
}

function listed(lines: readonly string[]): string {
    const more = lines.length > SHOWN_PROBLEMS ? [`… and ${lines.length - SHOWN_PROBLEMS} more problems`] : [];
    return [...lines.slice(0, SHOWN_PROBLEMS), ...more].join('\n');
}

function errorCode(error: unknown): string | undefined {
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : undefined;
}
