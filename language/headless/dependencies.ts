import type { LangiumSharedCoreServices, URI } from 'langium';
import { closure } from '../util/graph.js';
import type { HitlIndexManager } from '../workspace/index-manager.js';

/**
 * What one file's findings can read, for a cache of findings keyed by it. Rules read the file,
 * the declarations it refers to (directly or through other declarations), the files that refer
 * to its declarations (the steps using a model, a dataset or an escalation) together with what
 * those refer to, and the workspace's declarations by name (which one a reference reaches, names
 * declared twice, the names suggested for a typo). The last is keyed as a whole: any added,
 * removed, renamed or moved declaration changes every file's key. Related locations in other
 * files are checked by the cache against the findings it stored.
 */
export interface FileDependencies {
    /** The files whose content the findings may read, the file itself included, sorted. */
    readonly files: readonly URI[];
    /** Every declaration of the workspace (kind, name, file), one per line, in index order. */
    readonly declarations: string;
}

/** After a build to at least IndexedReferences: the dependencies of each given document. */
export function dependenciesOf(shared: LangiumSharedCoreServices, documents: readonly URI[]): Map<string, FileDependencies> {
    const index = shared.workspace.IndexManager as HitlIndexManager;
    const declarations = index
        .allElements()
        .map((description) => `${description.type} ${description.name} ${description.documentUri.toString()}`)
        .toArray()
        .join('\n');
    const uris = new Map<string, URI>();
    for (const document of shared.workspace.LangiumDocuments.all) uris.set(document.uri.toString(), document.uri);
    const targets = (uri: string) => index.targetsOf(uri);
    const result = new Map<string, FileDependencies>();
    for (const document of documents) {
        const uri = document.toString();
        const referrers = closure([uri], (u) => index.referrersOf(u));
        const read = closure([uri, ...referrers], targets);
        const files = [...read].map((u) => uris.get(u)).filter((u): u is URI => u !== undefined);
        files.sort((a, b) => (a.toString() < b.toString() ? -1 : a.toString() > b.toString() ? 1 : 0));
        result.set(uri, { files, declarations });
    }
    return result;
}
