import { parentPort, workerData } from 'node:worker_threads';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { createHitlCoreServices } from '../language/hitl-module.js';
import type { FileResult, Finding } from '../language/headless/check-result.js';
import type { CheckPlan } from '../language/headless/check-plan.js';
import { summariseSources, type FileSummary } from '../language/headless/file-summary.js';
import { checkPlanned, type SourceFile } from '../language/headless/workspace-check.js';
import type { RuleSettingsInput } from '../language/settings/rule-settings.js';
import { displayPath } from './workspace.js';

// A worker thread of `hitl check --jobs` (cli/check-workers.ts). It summarises its share of the
// files, parsing them, then checks the files of that share it reports on, loading the others
// their plan names (sent by the main thread, which reads every file). It never touches the disk.

/** What every finding depends on besides the sources, as the main thread read it. */
export interface CheckWorkerSetup {
    readonly settings: RuleSettingsInput;
    /** The day the check runs on (ISO date), the same for every thread. */
    readonly today: string;
    readonly displayRoot: string;
}

/** A source as it crosses threads (a URI does not survive the copy). */
export interface WireSource {
    readonly uri: string;
    readonly text?: string;
    readonly unreadable?: Finding;
}

export type ToWorker = { readonly kind: 'summarise'; readonly sources: readonly WireSource[] } | { readonly kind: 'check'; readonly plan: CheckPlan; readonly others: readonly WireSource[] };

export type FromWorker =
    | { readonly kind: 'summaries'; readonly summaries: ReadonlyArray<readonly [string, FileSummary]> }
    | { readonly kind: 'results'; readonly files: readonly FileResult[] }
    | { readonly kind: 'failed'; readonly message: string };

function fromWire(source: WireSource): SourceFile {
    return { uri: URI.parse(source.uri), text: source.text, unreadable: source.unreadable };
}

if (parentPort) {
    const port = parentPort;
    const setup = workerData as CheckWorkerSetup;
    const today = new Date(setup.today);
    const { shared, Hitl } = createHitlCoreServices({ ...EmptyFileSystem, now: () => today });
    Hitl.governance.Clock.fix(today);
    Hitl.governance.RuleSettings.configure(setup.settings);
    const display = (uri: URI) => displayPath(setup.displayRoot, uri.fsPath);
    let own: SourceFile[] = [];
    let parsed = new Map<string, LangiumDocument>();

    const handle = async (message: ToWorker): Promise<FromWorker> => {
        if (message.kind === 'summarise') {
            own = message.sources.map(fromWire);
            const summarised = await summariseSources(shared, own);
            parsed = summarised.parsed;
            return { kind: 'summaries', summaries: [...summarised.summaries] };
        }
        const byUri = new Map([...own, ...message.others.map(fromWire)].map((source) => [source.uri.toString(), source]));
        const result = await checkPlanned(shared, message.plan.load.map((uri) => byUri.get(uri)!), message.plan, { display, parsed });
        return { kind: 'results', files: result.files };
    };
    port.on('message', (message: ToWorker) => {
        handle(message).then(
            (answer) => port.postMessage(answer),
            (error: unknown) => port.postMessage({ kind: 'failed', message: (error as Error).stack ?? String(error) } satisfies FromWorker),
        );
    });
}
