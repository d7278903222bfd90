import { DefaultScopeProvider, stream, type AstNodeDescription, type AstReflection, type LangiumCoreServices, type ReferenceInfo, type Scope, type Stream } from 'langium';
import type { HitlIndexManager } from './index-manager.js';

/**
 * The names every document exports, as one scope per reference type, read live from the
 * index: it answers as a scope rebuilt after each change would (Langium's `MultiMapScope`
 * over `allElements`, the first declaration by file first), without being rebuilt. Langium
 * rebuilds its global scopes from every export in the workspace after each edit, the larger
 * part of an edit's cost at 1,000 files, whether or not any export changed.
 */
export class IndexedGlobalScope implements Scope {
    /** Every element, kept while no export changes: completion lists them on each request. */
    private all: { readonly revision: number; readonly elements: readonly AstNodeDescription[] } | undefined;

    constructor(
        private readonly index: HitlIndexManager,
        private readonly reflection: AstReflection,
        private readonly referenceType: string,
    ) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.index.exportedAs(name).find((description) => this.reflection.isSubtype(description.type, this.referenceType));
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.index.exportedAs(name)).filter((description) => this.reflection.isSubtype(description.type, this.referenceType));
    }

    getAllElements(): Stream<AstNodeDescription> {
        const revision = this.index.exportsRevision;
        if (this.all?.revision !== revision) this.all = { revision, elements: this.index.allElements(this.referenceType).toArray() };
        return stream(this.all.elements);
    }
}

/** Langium's scope provider with the global scopes read from the index instead of rebuilt per edit. */
export class IndexedGlobalScopeProvider extends DefaultScopeProvider {
    private readonly globalScopes = new Map<string, IndexedGlobalScope>();

    constructor(services: LangiumCoreServices) {
        super(services);
    }

    protected override getGlobalScope(referenceType: string, _context: ReferenceInfo): Scope {
        let scope = this.globalScopes.get(referenceType);
        if (!scope) {
            scope = new IndexedGlobalScope(this.indexManager as HitlIndexManager, this.reflection, referenceType);
            this.globalScopes.set(referenceType, scope);
        }
        return scope;
    }
}
