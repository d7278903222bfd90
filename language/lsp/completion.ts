import { CstUtils, GrammarAST, isAstNode, URI, type AstNodeLocator, type LangiumDocuments, type AstNodeDescription, type LangiumDocument, type MaybePromise, type ReferenceInfo } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type LangiumServices, type CompletionContext, type CompletionValueItem, type NextFeature } from 'langium/lsp';
import type { CompletionParams } from 'vscode-languageserver-protocol';
import { CompletionItemKind, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import { describeDeclaration, describeKind } from './declarations.js';
import { alreadySet, nearestSlot, propertiesOpenedBy, type Property } from './properties.js';

/** More suggestions than this help nobody; the client asks again as the user types. */
export const MAX_COMPLETION_ITEMS = 100;

/** Where a suggested name is declared, nearest first: it orders the list (`sortText`). */
const enum Proximity {
    SameFile = 0,
    ReferencedFile = 1,
    Elsewhere = 2,
}

/** What `completionItem/resolve` needs to find the declaration again. */
interface DeclarationData {
    readonly uri: string;
    readonly path: string;
}

/**
 * Langium's completion, as a .hitl author needs it: whole properties (`no preselection`,
 * `rationale required`) rather than their first word, none the block already has and can hold
 * only once, names declared nearby first, documentation on resolve (so the list stays fast),
 * positions outside the text clamped to it, and a capped list.
 */
export class HitlCompletionProvider extends DefaultCompletionProvider {
    /** The files each document's references point into, per completion context. */
    private readonly referencedFiles = new WeakMap<CompletionContext, ReadonlySet<string>>();
    private readonly documents: LangiumDocuments;
    private readonly astNodeLocator: AstNodeLocator;

    constructor(services: LangiumServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.astNodeLocator = services.workspace.AstNodeLocator;
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        // A position past the end of a line or of the text means its end; ranges must stay inside the text.
        const { textDocument } = document;
        const position = textDocument.positionAt(textDocument.offsetAt(params.position));
        const list = await super.getCompletion(document, { ...params, position });
        if (!list) return list;
        // Each key is built once: a workspace offers thousands of names, and the sort compares each many times.
        const keyed = list.items.map((item) => ({ item, key: `${item.sortText ?? ''}\u0000${item.label}` }));
        keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        const items = keyed.map(({ item }) => item);
        if (items.length <= MAX_COMPLETION_ITEMS) return { ...list, items };
        return { isIncomplete: true, items: items.slice(0, MAX_COMPLETION_ITEMS) };
    }

    /** Adds the declaration's kind, title and documentation to a suggested name. */
    async resolveCompletionItem(item: CompletionItem): Promise<CompletionItem> {
        const data = item.data as Partial<DeclarationData> | undefined;
        if (typeof data?.uri !== 'string' || typeof data.path !== 'string') return item;
        const document = this.documents.getDocument(URI.parse(data.uri));
        // The data comes back from the client: a path such as `/constructor` must not reach past the tree.
        const node = document && this.astNodeLocator.getAstNode(document.parseResult.value, data.path);
        const value = isAstNode(node) ? describeDeclaration(node, this.documentationProvider) : undefined;
        return value ? { ...item, documentation: { kind: 'markdown', value } } : item;
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (GrammarAST.isKeyword(next.feature)) return this.completionForProperty(context, next as NextFeature<GrammarAST.Keyword>, acceptor);
        return super.completionFor(context, next, acceptor);
    }

    private completionForProperty(context: CompletionContext, next: NextFeature<GrammarAST.Keyword>, acceptor: CompletionAcceptor): MaybePromise<void> {
        const keyword = next.feature;
        if (!this.filterKeyword(context, keyword)) return;
        const properties = propertiesOpenedBy(keyword);
        // A keyword inside a phrase (`required` after `rationale`) is offered on its own.
        if (properties.length === 0) return this.completionForKeyword(context, keyword, acceptor);
        for (const property of properties) {
            const slot = nearestSlot(property, context.node);
            if (slot && alreadySet(slot.block, slot.feature) && !this.rewriting(context, property)) continue;
            acceptor(context, { label: property.phrase, kind: CompletionItemKind.Keyword, detail: 'Keyword', sortText: '1' });
        }
    }

    /** True when the token being completed is the property's own first word (`sl|a 8h`). */
    private rewriting(context: CompletionContext, property: Property): boolean {
        const root = context.document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, context.tokenOffset);
        return leaf !== undefined && leaf.offset === context.tokenOffset && property.phrase.split(' ')[0] === leaf.text;
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const data: DeclarationData = { uri: description.documentUri.toString(), path: description.path };
        return { ...item, detail: describeKind(description.type), sortText: `0${this.proximity(description, context)}`, data };
    }

    private proximity(description: AstNodeDescription, context: CompletionContext): Proximity {
        const uri = description.documentUri.toString();
        if (uri === context.document.uri.toString()) return Proximity.SameFile;
        return this.filesReferencedFrom(context).has(uri) ? Proximity.ReferencedFile : Proximity.Elsewhere;
    }

    private filesReferencedFrom(context: CompletionContext): ReadonlySet<string> {
        let files = this.referencedFiles.get(context);
        if (!files) {
            files = new Set(context.document.references.flatMap((reference) => {
                const target = 'ref' in reference ? reference.$nodeDescription?.documentUri : undefined;
                return target ? [target.toString()] : [];
            }));
            this.referencedFiles.set(context, files);
        }
        return files;
    }

    /**
     * Documentation is added on `completionItem/resolve`: fetching it for every candidate loads
     * and scans every declaration in the workspace on each keystroke.
     */
    protected override getReferenceDocumentation(): undefined {
        return undefined;
    }
}
