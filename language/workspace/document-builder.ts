import { DefaultDocumentBuilder, DocumentState, isReference, URI, type BuildOptions, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { Cancellation } from 'langium';
import type { HitlCoreServices } from '../hitl-module.js';
import { closure } from '../util/graph.js';
import { crossFileReads } from '../validation/registry.js';
import type { HitlIndexManager } from './index-manager.js';
import type { NameIndex } from './name-index.js';

/** One run of `buildDocuments`: its options, and the documents it builds besides those it was given. */
interface Pass {
    readonly options: BuildOptions;
    readonly uris: Set<string>;
    readonly added: LangiumDocument[];
}

/**
 * Langium rebuilds the edited documents and relinks those that refer to them directly. A
 * document's diagnostics can depend on more, so after any change this builder also re-checks
 * every document whose diagnostics could depend on the changed ones:
 * - documents that refer to them through other documents (a workflow → a team → a role);
 * - documents declaring the same names (`structure/duplicate-name`); when the first
 *   declaration of a name moves to another file, the references to it are relinked, since
 *   references go to the first declaration by file;
 * - documents whose diagnostics point into them (related locations would drift);
 * - documents whose rules read the files referring to them (`CrossFileReads.referrersOf`).
 * Each is found through an index (the reference graph, the name index, the related-location
 * index), so an edit costs work for what depends on it, not for the whole workspace. The
 * dependents join the same build, so no request ever sees them as done before they are.
 */
export class HitlDocumentBuilder extends DefaultDocumentBuilder {
    /** Documents each document's diagnostics point into, and the reverse. */
    private readonly pointsInto = new Map<string, Set<string>>();
    private readonly pointedFrom = new Map<string, Set<string>>();
    /** Documents parsed or linked since their dependents were last collected (kept if a build is cancelled). */
    private readonly reparsed = new Set<string>();
    private readonly relinked = new Set<string>();
    /** Documents whose diagnostics depended on the old content of changed or deleted documents. */
    private readonly pendingRevalidation = new Set<string>();
    /** Documents with a reference that did not resolve when last linked: a change anywhere may resolve it. */
    private readonly unresolved = new Set<string>();
    private pass: Pass | undefined;
    private readonly reads = crossFileReads();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        // Registered before the name index's own listener (it needs this builder to exist), so
        // the names of deleted and changed documents are still the old ones here.
        this.onUpdate((changed, deleted) => this.beforeRebuild([...changed, ...deleted].map(String), deleted.map(String)));
        this.onDocumentPhase(DocumentState.IndexedContent, (document) => void this.reparsed.add(document.uri.toString()));
        this.onDocumentPhase(DocumentState.Linked, (document) => this.recordLinked(document));
        this.onDocumentPhase(DocumentState.Validated, (document) => this.recordRelated(document));
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        this.pass = { options, uris: new Set(documents.map((d) => d.uri.toString())), added: [] };
        try {
            await super.buildDocuments(documents, options, cancelToken);
        } finally {
            this.pass = undefined;
        }
    }

    /**
     * Each phase also runs on the dependents found so far: those of the old content when the
     * pass starts, relinks once the new names are indexed, re-checks once everything is linked.
     */
    protected override async runCancelable(
        documents: LangiumDocument[],
        targetState: DocumentState,
        cancelToken: Cancellation.CancellationToken,
        callback: (document: LangiumDocument) => unknown,
    ): Promise<void> {
        const pass = this.pass;
        if (!pass) return super.runCancelable(documents, targetState, cancelToken, callback);
        if (targetState === DocumentState.Parsed) {
            this.join(pass, this.pendingRevalidation, DocumentState.IndexedReferences);
            this.pendingRevalidation.clear();
        }
        if (targetState === DocumentState.ComputedScopes) this.join(pass, this.relinksForNames(), DocumentState.ComputedScopes);
        if (targetState === DocumentState.Validated) {
            // A build without validation leaves the joined documents incomplete: the next update validates them.
            if (!pass.options.validation) return super.runCancelable(documents, targetState, cancelToken, callback);
            this.join(pass, this.dependents(), DocumentState.IndexedReferences);
        }
        await super.runCancelable([...documents, ...pass.added], targetState, cancelToken, callback);
    }

    /** A document completed with these very options has every category they ask for: no need to recount them per document on each edit. */
    protected override resultsAreIncomplete(document: LangiumDocument, options: BuildOptions | undefined): boolean {
        const state = this.buildState.get(document.uri.toString());
        if (state?.completed && state.options === options) return false;
        return super.resultsAreIncomplete(document, options);
    }

    /**
     * Langium's rule, with the unresolved references looked up in a flag kept per document
     * rather than by scanning every reference of every document on each change. Also relinks a
     * document linked by a build that was cancelled before its references were indexed: the
     * index does not know yet that its links point into the changed documents.
     */
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (this.unresolved.has(document.uri.toString()) || this.indexManager.isAffected(document, changedUris)) return true;
        if (document.state !== DocumentState.Linked) return false;
        return document.references.some((reference) => {
            const target = isReference(reference) ? reference.$nodeDescription?.documentUri : undefined;
            return target !== undefined && changedUris.has(target.toString());
        });
    }

    private recordLinked(document: LangiumDocument): void {
        const uri = document.uri.toString();
        this.relinked.add(uri);
        if (document.references.some((reference) => reference.error !== undefined)) this.unresolved.add(uri);
        else this.unresolved.delete(uri);
    }

    /** When documents change or go: what depended on their old content, for the next pass. */
    private beforeRebuild(touched: readonly string[], deleted: readonly string[]): void {
        for (const uri of touched) {
            this.pointedFrom.get(uri)?.forEach((other) => this.pendingRevalidation.add(other));
            this.addSameNames(uri, this.pendingRevalidation);
        }
        for (const uri of deleted) {
            this.forgetRelated(uri);
            this.unresolved.delete(uri);
        }
    }

    /**
     * Once the reparsed documents' names are indexed: references to a name whose first
     * declaration moved to another document (they go to the first one, by file), that is those
     * of the documents declaring it and of the documents referring to where it was.
     */
    private relinksForNames(): Set<string> {
        const relink = new Set<string>();
        for (const services of this.serviceRegistry.all) {
            for (const moved of (services as HitlCoreServices).workspace.NameIndex?.takeMoved() ?? []) {
                moved.declaring.forEach((uri) => relink.add(uri));
                if (moved.from) this.index.referrersOf(moved.from).forEach((uri) => relink.add(uri));
            }
        }
        return relink;
    }

    /** Once everything is linked: every document whose diagnostics depend on what was reparsed or relinked. */
    private dependents(): Set<string> {
        const revalidate = new Set<string>();
        for (const uri of this.reparsed) {
            this.pointedFrom.get(uri)?.forEach((other) => revalidate.add(other));
            this.addSameNames(uri, revalidate);
        }
        const rebuilt = [...this.reparsed, ...this.relinked];
        for (const uri of closure(rebuilt, (uri) => this.index.referrersOf(uri))) revalidate.add(uri);
        if (this.reads.referrersOf.size > 0) {
            for (const uri of closure(rebuilt, (uri) => this.index.targetsOf(uri))) {
                if (this.names(uri)?.declaredIn(uri).some((d) => this.reads.referrersOf.has(d.node.$type))) revalidate.add(uri);
            }
        }
        this.reparsed.clear();
        this.relinked.clear();
        return revalidate;
    }

    /** Resets the documents not yet in the pass to the given state and adds them to it. */
    private join(pass: Pass, uris: Iterable<string>, state: DocumentState): void {
        const joining: LangiumDocument[] = [];
        for (const uri of uris) {
            if (pass.uris.has(uri)) continue;
            const document = this.lower(uri, state);
            if (!document) continue;
            pass.uris.add(uri);
            joining.push(document);
        }
        this.prepareBuild(joining, pass.options);
        pass.added.push(...joining);
    }

    /** Documents declaring a name the given document declares, when the name is declared more than once. */
    private addSameNames(uri: string, revalidate: Set<string>): void {
        if (!this.reads.sameNames) return;
        const names = this.names(uri);
        for (const declaration of names?.declaredIn(uri) ?? []) {
            const all = names!.declarationsOf(declaration.node.name);
            if (all.length > 1) all.forEach((other) => revalidate.add(other.uri));
        }
    }

    private lower(uri: string, state: DocumentState): LangiumDocument | undefined {
        const document = this.langiumDocuments.getDocument(URI.parse(uri));
        if (document) this.resetToState(document, state);
        return document;
    }

    private recordRelated(document: LangiumDocument): void {
        const uri = document.uri.toString();
        this.forgetRelated(uri);
        const into = new Set<string>();
        for (const diagnostic of document.diagnostics ?? []) {
            for (const related of diagnostic.relatedInformation ?? []) if (related.location.uri !== uri) into.add(related.location.uri);
        }
        if (into.size === 0) return;
        this.pointsInto.set(uri, into);
        for (const target of into) {
            const from = this.pointedFrom.get(target) ?? new Set();
            from.add(uri);
            this.pointedFrom.set(target, from);
        }
    }

    private forgetRelated(uri: string): void {
        for (const target of this.pointsInto.get(uri) ?? []) this.pointedFrom.get(target)?.delete(uri);
        this.pointsInto.delete(uri);
    }

    private get index(): HitlIndexManager {
        return this.indexManager as HitlIndexManager;
    }

    private names(uri: string): NameIndex | undefined {
        const services = this.serviceRegistry.hasServices(URI.parse(uri)) ? (this.serviceRegistry.getServices(URI.parse(uri)) as HitlCoreServices) : undefined;
        return services?.workspace.NameIndex;
    }
}
