import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createHitlCoreServices } from '../../language/hitl-module.js';
import type { FileResult } from '../../language/headless/check-result.js';
import { CheckPlanner } from '../../language/headless/check-plan.js';
import { summariseSources } from '../../language/headless/file-summary.js';
import { checkFiles, checkPlanned, readSource, type SourceFile } from '../../language/headless/workspace-check.js';
import { display, TODAY } from '../compile/workspace.js';

/** A workspace checked as a whole, and ready to be checked a few files at a time by plan. */
export interface PlannedWorkspace {
    /** The result of the whole check, by display path. */
    readonly whole: ReadonlyMap<string, FileResult>;
    readonly planner: CheckPlanner;
    /** The files' results when only the given files are reported on, each check in fresh services loading only what the plan says. */
    readonly checkOnly: (uris: readonly string[]) => Promise<{ results: readonly FileResult[]; loaded: readonly string[] }>;
}

export async function plannedWorkspace(files: readonly URI[]): Promise<PlannedWorkspace> {
    const { shared } = createHitlCoreServices({ ...NodeFileSystem, now: () => TODAY });
    const { result } = await checkFiles(shared, { files, display });
    const sources = new Map<string, SourceFile>();
    for (const uri of files) sources.set(uri.toString(), await readSource(shared.workspace.FileSystemProvider, uri, display(uri)));
    const { summaries } = await summariseSources(createHitlCoreServices({ ...NodeFileSystem, now: () => TODAY }).shared, [...sources.values()]);
    const planner = new CheckPlanner(summaries);
    return {
        whole: new Map(result.files.map((file) => [file.path, file])),
        planner,
        checkOnly: async (uris) => {
            const plan = planner.planFor(uris);
            const fresh = createHitlCoreServices({ ...NodeFileSystem, now: () => TODAY }).shared;
            const planned = await checkPlanned(fresh, plan.load.map((uri) => sources.get(uri)!), plan, { display });
            return { results: planned.files, loaded: plan.load.map((uri) => display(URI.parse(uri))) };
        },
    };
}
