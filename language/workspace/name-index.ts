import { DocumentState, type LangiumSharedCoreServices } from 'langium';
import { isHitlFile, type HitlFile } from '../generated/ast.js';

export type NamedTopLevel = HitlFile['elements'][number];

export interface Declaration {
    readonly uri: string;
    readonly index: number;
    readonly node: NamedTopLevel;
}

/**
 * Top-level declarations of every document by name, kept up to date per document as documents
 * are indexed or deleted, so an edit costs work for the edited file only. Names share one
 * namespace across the workspace; each list is in declaration order (by file, then position),
 * the order in which references pick among duplicates.
 */
/** A name whose first declaration is now in another document than before. */
export interface MovedName {
    /** The document of the first declaration before the move, if there was one. */
    readonly from: string | undefined;
    /** Every document declaring the name, before or after. */
    readonly declaring: ReadonlySet<string>;
}

export class NameIndex {
    private readonly byDocument = new Map<string, Declaration[]>();
    private readonly byName = new Map<string, Declaration[]>();
    private readonly moved = new Map<string, MovedName>();

    constructor(shared: LangiumSharedCoreServices) {
        const builder = shared.workspace.DocumentBuilder;
        builder.onUpdate((_changed, deleted) => deleted.forEach((uri) => this.replace(uri.toString(), [])));
        builder.onBuildPhase(DocumentState.IndexedContent, (documents) => {
            for (const document of documents) {
                const root = document.parseResult.value;
                this.replace(document.uri.toString(), isHitlFile(root) ? root.elements : []);
            }
        });
    }

    /** Every declaration of the name, first declared first. */
    declarationsOf(name: string): readonly Declaration[] {
        return this.byName.get(name) ?? [];
    }

    /** The top-level declarations of one document, as last indexed. */
    declaredIn(uri: string): readonly Declaration[] {
        return this.byDocument.get(uri) ?? [];
    }

    /**
     * The names whose first declaration moved to another document since the last call:
     * references to them must be linked again, since they go to the first declaration.
     */
    takeMoved(): MovedName[] {
        const moved = [...this.moved.values()];
        this.moved.clear();
        return moved;
    }

    private replace(uri: string, elements: readonly NamedTopLevel[]): void {
        const names = new Set([...this.declaredIn(uri).map((d) => d.node.name), ...elements.map((node) => node.name).filter(Boolean)]);
        const before = new Map([...names].map((name) => [name, this.declarationsOf(name).map((d) => d.uri)]));
        this.remove(uri);
        const declarations = elements.filter((node) => node.name).map((node, index) => ({ uri, index, node }));
        if (declarations.length > 0) this.byDocument.set(uri, declarations);
        for (const declaration of declarations) {
            const list = this.byName.get(declaration.node.name) ?? [];
            list.push(declaration);
            list.sort(byDeclarationOrder);
            this.byName.set(declaration.node.name, list);
        }
        for (const [name, uris] of before) {
            const after = this.declarationsOf(name).map((d) => d.uri);
            if (uris[0] === after[0]) continue;
            const earlier = this.moved.get(name);
            const declaring = new Set([...(earlier?.declaring ?? []), ...uris, ...after]);
            this.moved.set(name, { from: earlier ? earlier.from : uris[0], declaring });
        }
    }

    private remove(uri: string): void {
        for (const declaration of this.byDocument.get(uri) ?? []) {
            const list = this.byName.get(declaration.node.name)?.filter((d) => d !== declaration) ?? [];
            if (list.length > 0) this.byName.set(declaration.node.name, list);
            else this.byName.delete(declaration.node.name);
        }
        this.byDocument.delete(uri);
    }
}

/** By URI (plain string order, as `hitl check` sorts files), then by position in the file. */
export function byDeclarationOrder(a: Declaration, b: Declaration): number {
    return compareUris(a.uri, b.uri) || a.index - b.index;
}

export function compareUris(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
