import { AstUtils, DefaultIndexManager, stream, type AstNode, type AstNodeDescription, type LangiumDocument, type ReferenceDescription, type Stream, type URI } from 'langium';
import type { Cancellation } from 'langium';
import { compareUris } from './name-index.js';

/**
 * Langium's index, plus a document-level graph of who refers to whom, so that an edit finds
 * the documents depending on it without looking at every reference in the workspace. The
 * graph keeps each document's edges as of its last linking (a superset while it is relinked).
 *
 * Documents are visited in URI order, not in the order they were last indexed: a reference
 * to a name declared twice then reaches the same declaration in the editor, after any edits,
 * as in `hitl check` (the first one, by file).
 */
export class HitlIndexManager extends DefaultIndexManager {
    /** Exported descriptions by name, in the order `allElements` yields them; kept per document as it is indexed. */
    private readonly exportedByName = new Map<string, AstNodeDescription[]>();
    /** Counts changes of the exported descriptions, so that lists built from them know when they are out of date. */
    private exportsVersion = 0;
    private readonly targets = new Map<string, Set<string>>();
    private readonly referrers = new Map<string, Set<string>>();
    /** Indexed document URIs in order; dropped when a document is added or deleted. */
    private sorted: { readonly uris: readonly string[]; readonly members: ReadonlySet<string> } | undefined;

    override allElements(nodeType?: string, uris?: Set<string>): Stream<AstNodeDescription> {
        if (!this.sorted) {
            const sortedUris = [...this.symbolIndex.keys()].sort(compareUris);
            this.sorted = { uris: sortedUris, members: new Set(sortedUris) };
        }
        const documentUris = uris ? this.sorted.uris.filter((uri) => uris.has(uri)) : this.sorted.uris;
        return stream(documentUris).flatMap((uri) => this.getFileDescriptions(uri, nodeType));
    }

    override async updateContent(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        const uri = document.uri.toString();
        if (!this.sorted?.members.has(uri)) this.sorted = undefined;
        const before = this.symbolIndex.get(uri) ?? [];
        await super.updateContent(document, cancelToken);
        this.forgetNames(uri, before);
        this.addNames(uri);
    }

    /**
     * The exports of a file that is not loaded, as its own indexing would describe them but
     * without nodes: scopes list their names (suggestions for a typo) as in the whole workspace.
     * Only for a planned partial check (headless/check-plan.ts), whose plan loads every file
     * declaring a name that a loaded file refers to, so no reference resolves to one of these.
     */
    declareUnloaded(uri: URI, exports: ReadonlyArray<{ readonly name: string; readonly type: string; readonly path: string }>): void {
        const key = uri.toString();
        if (!this.sorted?.members.has(key)) this.sorted = undefined;
        this.forgetNames(key, this.symbolIndex.get(key) ?? []);
        this.symbolIndex.set(key, exports.map(({ name, type, path }) => ({ name, type, path, documentUri: uri })));
        this.symbolByTypeIndex.clear(key);
        this.addNames(key);
    }

    override removeContent(uri: URI): void {
        this.forgetNames(uri.toString(), this.symbolIndex.get(uri.toString()) ?? []);
        this.exportsVersion++;
        super.removeContent(uri);
    }

    /** Changes whenever any document's exported descriptions change. */
    get exportsRevision(): number {
        return this.exportsVersion;
    }

    /** Every exported description with this name, in `allElements` order: a hash lookup, not a scan. */
    exportedAs(name: string): readonly AstNodeDescription[] {
        return this.exportedByName.get(name) ?? [];
    }

    override async updateReferences(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        await super.updateReferences(document, cancelToken);
        const uri = document.uri.toString();
        const targets = new Set<string>();
        for (const reference of this.referenceIndex.get(uri) ?? []) {
            if (!reference.local) targets.add(reference.targetUri.toString());
        }
        this.setTargets(uri, targets);
    }

    override remove(uri: URI): void {
        super.remove(uri);
        this.sorted = undefined;
        this.setTargets(uri.toString(), new Set());
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        const targets = this.targets.get(document.uri.toString());
        if (!targets) return false;
        for (const uri of changedUris) if (targets.has(uri)) return true;
        return false;
    }

    /** Only the documents that refer to the target's document are searched, in URI order. */
    override findAllReferences(targetNode: AstNode, astNodePath: string): Stream<ReferenceDescription> {
        const targetUri = AstUtils.getDocument(targetNode).uri.toString();
        const sources = [targetUri, ...(this.referrers.get(targetUri) ?? [])].sort(compareUris);
        return stream(sources)
            .flatMap((uri) => this.referenceIndex.get(uri) ?? [])
            .filter((reference) => reference.targetPath === astNodePath && reference.targetUri.toString() === targetUri);
    }

    /** Documents that refer to the given one, as of their last linking. */
    referrersOf(uri: string): ReadonlySet<string> {
        return this.referrers.get(uri) ?? new Set();
    }

    /** Documents the given one refers to, as of its last linking. */
    targetsOf(uri: string): ReadonlySet<string> {
        return this.targets.get(uri) ?? new Set();
    }

    private addNames(uri: string): void {
        this.exportsVersion++;
        for (const description of this.symbolIndex.get(uri) ?? []) {
            const list = this.exportedByName.get(description.name) ?? [];
            list.push(description);
            // Stable: a document's own descriptions keep their order among themselves.
            if (list.length > 1) list.sort((a, b) => compareUris(a.documentUri.toString(), b.documentUri.toString()));
            this.exportedByName.set(description.name, list);
        }
    }

    private forgetNames(uri: string, descriptions: readonly AstNodeDescription[]): void {
        for (const description of descriptions) {
            const list = this.exportedByName.get(description.name)?.filter((other) => other.documentUri.toString() !== uri) ?? [];
            if (list.length > 0) this.exportedByName.set(description.name, list);
            else this.exportedByName.delete(description.name);
        }
    }

    private setTargets(uri: string, targets: Set<string>): void {
        for (const old of this.targets.get(uri) ?? []) if (!targets.has(old)) this.referrers.get(old)?.delete(uri);
        for (const target of targets) {
            const referrers = this.referrers.get(target) ?? new Set();
            referrers.add(uri);
            this.referrers.set(target, referrers);
        }
        if (targets.size > 0) this.targets.set(uri, targets);
        else this.targets.delete(uri);
    }
}
