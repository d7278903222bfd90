import { reflection } from '../generated/ast.js';
import { compareUris } from '../workspace/name-index.js';
import { crossFileReads } from '../validation/registry.js';
import type { ExportedName, FileSummary } from './file-summary.js';

/**
 * Which files a check of some files must load for their findings to be exactly those of a check
 * of the whole workspace. A file's findings read (see `CrossFileReads` and the linker):
 * - the files declaring a name that a loaded file refers to, and so on (a reference goes to the
 *   first declaration of its name, so every file declaring it is loaded);
 * - the files declaring a name the file declares (`structure/duplicate-name`);
 * - the files referring to its declarations of the types some rule reads the referrers of, and
 *   those referring to the declarations that refer to them (an AI actor using the model);
 * - every declaration's name (suggestions for typos): the plan lists those of the files not
 *   loaded, as the index describes them, so that the workspace can know them without parsing.
 * Found by name through maps, so a plan costs in proportion to what it loads.
 */
export interface CheckPlan {
    /** The files reported on (URIs). */
    readonly report: readonly string[];
    /** The files to load, the reported ones included, sorted. */
    readonly load: readonly string[];
    /** What every file not loaded exports, by file in URI order. */
    readonly elsewhere: ReadonlyArray<{ readonly uri: string; readonly exports: readonly ExportedName[] }>;
}

interface Use {
    readonly uri: string;
    /** What the declaration using the name exports. */
    readonly names: readonly string[];
}

export class CheckPlanner {
    private readonly declaring = new Map<string, string[]>();
    private readonly users = new Map<string, Use[]>();
    private readonly uris: readonly string[];
    private readonly reads = crossFileReads();
    private readonly readTypes = [...this.reads.referrersOf];

    /** The summaries of every file of the workspace, by URI. */
    constructor(private readonly summaries: ReadonlyMap<string, FileSummary>) {
        this.uris = [...summaries.keys()].sort(compareUris);
        for (const uri of this.uris) for (const { name } of summaries.get(uri)!.exports) push(this.declaring, name, uri);
        // Only declared names are looked up as used (most uses are a workflow's own steps).
        for (const uri of this.uris) {
            for (const element of summaries.get(uri)!.elements) {
                for (const name of element.uses) if (this.declaring.has(name)) push(this.users, name, { uri, names: element.names });
            }
        }
    }

    planFor(files: Iterable<string>): CheckPlan {
        const report = [...new Set(files)];
        const load = this.loading(report);
        const elsewhere = this.uris.filter((uri) => !load.has(uri)).map((uri) => ({ uri, exports: this.summaries.get(uri)!.exports }));
        return { report, load: [...load].sort(compareUris), elsewhere };
    }

    /** The plan's `load` alone, in proportion to its size (a cache keys each file by it). */
    loadFor(files: Iterable<string>): string[] {
        return [...this.loading([...new Set(files)])].sort(compareUris);
    }

    private loading(report: readonly string[]): Set<string> {
        const load = new Set(report);
        const exported = report.flatMap((uri) => this.summaries.get(uri)?.exports ?? []);
        if (this.reads.sameNames) for (const { name } of exported) this.declaring.get(name)?.forEach((uri) => load.add(uri));
        const read = exported.filter(({ type }) => this.readTypes.some((read) => reflection.isSubtype(type, read))).map(({ name }) => name);
        const seen = new Set(read);
        for (let i = 0; i < read.length; i++) {
            for (const use of this.users.get(read[i]) ?? []) {
                load.add(use.uri);
                for (const name of use.names) {
                    if (seen.has(name)) continue;
                    seen.add(name);
                    read.push(name);
                }
            }
        }
        const queue = [...load];
        while (queue.length > 0) {
            for (const name of this.summaries.get(queue.pop()!)?.uses ?? []) {
                for (const uri of this.declaring.get(name) ?? []) {
                    if (load.has(uri)) continue;
                    load.add(uri);
                    queue.push(uri);
                }
            }
        }
        return load;
    }

    /** Every declaration of the workspace (type, name, file), one per line, in index order: what suggestions and duplicate names read. */
    declarations(): string {
        return this.uris.flatMap((uri) => this.summaries.get(uri)!.exports.map(({ type, name }) => `${type} ${name} ${uri}`)).join('\n');
    }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}
