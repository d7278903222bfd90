import { URI } from 'langium';
import type { CheckPlanner } from './check-plan.js';

/**
 * What one file's findings can read, for a cache of findings keyed by it: the files its plan
 * loads (see check-plan.ts: what it refers to, directly or not, the files declaring its names,
 * the files using its escalations, datasets and models, and what those refer to), and the
 * workspace's declarations by name (which one a reference reaches, names declared twice, the
 * names suggested for a typo). The last is keyed as a whole: any added, removed, renamed or
 * moved declaration changes every file's key. Related locations in other files are checked by
 * the cache against the findings it stored. Taken from the files' summaries, so a check on one
 * thread and one on workers key the same findings alike.
 */
export interface FileDependencies {
    /** The files whose content the findings may read, the file itself included, sorted. */
    readonly files: readonly URI[];
    /** Every declaration of the workspace (kind, name, file), one per line, in index order. */
    readonly declarations: string;
}

/** `declarations` is `planner.declarations()`, computed once for all files. */
export function dependenciesOf(planner: CheckPlanner, file: URI, declarations: string): FileDependencies {
    return { files: planner.planFor([file.toString()]).load.map((uri) => URI.parse(uri)), declarations };
}
