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
export class NameIndex {
    private readonly byDocument = new Map<string, Declaration[]>();
    private readonly byName = new Map<string, Declaration[]>();

    constructor(shared: LangiumSharedCoreServices) {
        const builder = shared.workspace.DocumentBuilder;
        builder.onUpdate((_changed, deleted) => deleted.forEach((uri) => this.remove(uri.toString())));
        builder.onBuildPhase(DocumentState.IndexedContent, (documents) => {
            for (const document of documents) {
                const root = document.parseResult.value;
                this.set(document.uri.toString(), isHitlFile(root) ? root.elements : []);
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

    private set(uri: string, elements: readonly NamedTopLevel[]): void {
        this.remove(uri);
        const declarations = elements.filter((node) => node.name).map((node, index) => ({ uri, index, node }));
        this.byDocument.set(uri, declarations);
        for (const declaration of declarations) {
            const list = this.byName.get(declaration.node.name) ?? [];
            list.push(declaration);
            list.sort(byDeclarationOrder);
            this.byName.set(declaration.node.name, list);
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
