import { DefaultDocumentBuilder, DocumentState, URI, type BuildOptions, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { Cancellation } from 'langium';
import type { HitlServices } from '../hitl-module.js';
import { hitlRules } from '../validation/registry.js';
import type { HitlIndexManager } from './index-manager.js';
import type { NameIndex } from './name-index.js';

/** One run of `buildDocuments`: what it builds, and what it found out after parsing and linking. */
interface Pass {
    readonly uris: ReadonlySet<string>;
    readonly parsed: Set<string>;
    readonly linked: Set<string>;
    readonly followUp: LangiumDocument[];
}

/**
 * Langium rebuilds the edited documents and relinks those that refer to them directly. A
 * document's diagnostics can depend on more, so after any change this builder also re-checks
 * every document whose diagnostics could depend on the changed ones:
 * - documents that refer to them through other documents (a workflow → a team → a role);
 * - documents declaring the same names (`structure/duplicate-name`), relinked when a name is
 *   declared twice, since references go to the first declaration by file;
 * - documents whose diagnostics point into them (related locations would drift);
 * - documents whose rules read the files referring to them (`CrossFileReads.referrersOf`).
 * Each is found through an index (the reference graph, the name index, the related-location
 * index), so an edit costs work for what depends on it, not for the whole workspace.
 */
export class HitlDocumentBuilder extends DefaultDocumentBuilder {
    /** Documents each document's diagnostics point into, and the reverse. */
    private readonly pointsInto = new Map<string, Set<string>>();
    private readonly pointedFrom = new Map<string, Set<string>>();
    private pass: Pass | undefined;
    private readonly reads = crossFileReads();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        // Registered before the name index's own listener (it needs this builder to exist), so
        // the names of deleted and changed documents are still the old ones here.
        this.onUpdate((changed, deleted) => this.beforeRebuild([...changed, ...deleted].map(String), deleted.map(String)));
        this.onDocumentPhase(DocumentState.IndexedContent, (document) => void this.pass?.parsed.add(document.uri.toString()));
        this.onDocumentPhase(DocumentState.Linked, (document) => void this.pass?.linked.add(document.uri.toString()));
        this.onDocumentPhase(DocumentState.Validated, (document) => this.recordRelated(document));
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        const pass: Pass = { uris: new Set(documents.map((d) => d.uri.toString())), parsed: new Set(), linked: new Set(), followUp: [] };
        const outer = this.pass;
        this.pass = pass;
        try {
            await super.buildDocuments(documents, options, cancelToken);
        } finally {
            this.pass = outer;
        }
        // Found before this pass validated anything and reset then, so no request sees them as done.
        if (pass.followUp.length > 0) await this.buildDocuments(pass.followUp, options, cancelToken);
    }

    protected override async runCancelable(
        documents: LangiumDocument[],
        targetState: DocumentState,
        cancelToken: Cancellation.CancellationToken,
        callback: (document: LangiumDocument) => unknown,
    ): Promise<void> {
        // Every document of the pass is parsed and linked now: its dependents are known.
        if (targetState === DocumentState.Validated && this.pass) this.collectDependents(this.pass);
        await super.runCancelable(documents, targetState, cancelToken, callback);
    }

    /** Before an update rebuilds: what depended on the old content of the changed and deleted documents. */
    private beforeRebuild(touched: readonly string[], deleted: readonly string[]): void {
        const revalidate = new Set<string>();
        const relink = new Set<string>();
        for (const uri of touched) {
            this.pointedFrom.get(uri)?.forEach((other) => revalidate.add(other));
            this.addSameNames(uri, revalidate, relink);
        }
        for (const uri of deleted) this.forgetRelated(uri);
        const skip = new Set(touched);
        for (const uri of relink) if (!skip.has(uri)) this.lower(uri, DocumentState.ComputedScopes);
        for (const uri of revalidate) if (!skip.has(uri)) this.lower(uri, DocumentState.IndexedReferences);
    }

    /** After a pass parsed and linked its documents: what depends on them, reset to be built next. */
    private collectDependents(pass: Pass): void {
        const revalidate = new Set<string>();
        const relink = new Set<string>();
        for (const uri of pass.parsed) {
            this.pointedFrom.get(uri)?.forEach((other) => revalidate.add(other));
            this.addSameNames(uri, revalidate, relink);
        }
        const rebuilt = [...pass.parsed, ...pass.linked];
        for (const uri of closure(rebuilt, (uri) => this.index.referrersOf(uri))) revalidate.add(uri);
        if (this.reads.referrersOf.size > 0) {
            for (const uri of closure(rebuilt, (uri) => this.index.targetsOf(uri))) {
                if (this.names(uri)?.declaredIn(uri).some((d) => this.reads.referrersOf.has(d.node.$type))) revalidate.add(uri);
            }
        }
        for (const [uris, state] of [
            [relink, DocumentState.ComputedScopes],
            [revalidate, DocumentState.IndexedReferences],
        ] as const) {
            for (const uri of uris) {
                if (pass.uris.has(uri)) continue;
                const document = this.lower(uri, state);
                if (document && !pass.followUp.includes(document)) pass.followUp.push(document);
            }
        }
    }

    /**
     * Documents declaring a name the given document declares; when a name is declared more
     * than once, the documents referring to any of its declarations are relinked too.
     */
    private addSameNames(uri: string, revalidate: Set<string>, relink: Set<string>): void {
        const names = this.names(uri);
        if (!names) return;
        for (const declaration of names.declaredIn(uri)) {
            const all = names.declarationsOf(declaration.node.name);
            if (all.length < 2) continue;
            for (const other of all) {
                if (this.reads.sameNames) revalidate.add(other.uri);
                this.index.referrersOf(other.uri).forEach((referrer) => relink.add(referrer));
            }
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
        const services = this.serviceRegistry.hasServices(URI.parse(uri)) ? (this.serviceRegistry.getServices(URI.parse(uri)) as HitlServices) : undefined;
        return services?.workspace.NameIndex;
    }
}

/** The union of what the rules read across files. */
function crossFileReads(): { sameNames: boolean; referrersOf: ReadonlySet<string> } {
    return {
        sameNames: hitlRules.some((rule) => rule.crossFile?.sameNames),
        referrersOf: new Set(hitlRules.flatMap((rule) => rule.crossFile?.referrersOf ?? [])),
    };
}

/** Everything reachable from the start documents along `next`, the start documents included. */
function closure(start: Iterable<string>, next: (uri: string) => Iterable<string>): Set<string> {
    const seen = new Set(start);
    const queue = [...seen];
    while (queue.length > 0) {
        for (const uri of next(queue.pop()!)) {
            if (!seen.has(uri)) {
                seen.add(uri);
                queue.push(uri);
            }
        }
    }
    return seen;
}
