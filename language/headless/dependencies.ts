import { URI, type LangiumSharedCoreServices } from 'langium';
import { CheckPlanner } from './check-plan.js';
import { summariseDocuments, type FileSummary } from './file-summary.js';

/**
 * What one file's findings can read, for a cache of findings keyed by it: the files its plan
 * loads (check-plan.ts: a check loading only those gives the file the findings of the whole
 * check) and the workspace's declarations by name (which one a reference reaches, names declared
 * twice, the names suggested for a typo), keyed as a whole: any added, removed, renamed or moved
 * declaration changes every file's key. Related locations in other files are checked by the
 * cache against the findings it stored.
 */
export interface FileDependencies {
    /** The files whose content the findings may read, the file itself included, sorted. */
    readonly files: readonly URI[];
    /** Every declaration of the workspace (kind, name, file), one per line, in index order. */
    readonly declarations: string;
    /** The file's own summary, when at hand: a cache keeps it so that the next run need not parse the file to plan. */
    readonly summary?: FileSummary;
}

/** The dependencies of a file, from the planner of its workspace. */
export function plannedDependencies(planner: CheckPlanner, file: URI, declarations: string, summary?: FileSummary): FileDependencies {
    return { files: planner.loadFor([file.toString()]).map((uri) => URI.parse(uri)), declarations, summary };
}

/** After a build (parsed is enough): the dependencies of each given document, from the summaries of every loaded document. */
export async function dependenciesOf(shared: LangiumSharedCoreServices, documents: readonly URI[]): Promise<Map<string, FileDependencies>> {
    const summaries = await summariseDocuments(shared, shared.workspace.LangiumDocuments.all.toArray());
    const planner = new CheckPlanner(summaries);
    const declarations = planner.declarations();
    return new Map(documents.map((uri) => [uri.toString(), plannedDependencies(planner, uri, declarations, summaries.get(uri.toString()))]));
}
