import { CstUtils, GrammarAST, isAstNode, stream, URI, type AstNodeLocator, type LangiumDocuments, type AstNodeDescription, type LangiumDocument, type MaybePromise, type ReferenceInfo } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type LangiumServices, type CompletionContext, type CompletionValueItem, type NextFeature } from 'langium/lsp';
import type { CompletionParams } from 'vscode-languageserver-protocol';
import { CompletionItemKind, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import { smallest } from '../util/smallest.js';
import { describeDeclaration, describeKind } from './declarations.js';
import { alreadySet, nearestSlot, propertiesOpenedBy, type Property } from './properties.js';

/** More suggestions than this help nobody; the client asks again as the user types. */
export const MAX_COMPLETION_ITEMS = 100;

/** Distinct kinds, labels and details numbered before the numbering starts again (a million-name workspace is far beyond the size limits). */
const MAX_IDENTITIES = 1_000_000;

/** Where a suggested name is declared, nearest first: it orders the list (`sortText`). */
const enum Proximity {
    SameFile = 0,
    ReferencedFile = 1,
    Elsewhere = 2,
}

/** The `sortText` of each proximity: names come before keywords (`1`). One string each, compared by identity first. */
const SORT_TEXT: Readonly<Record<Proximity, string>> = { [Proximity.SameFile]: '00', [Proximity.ReferencedFile]: '01', [Proximity.Elsewhere]: '02' };

/** A suggestion before its item is built: what ranks it, and what builds it. */
interface Offer {
    readonly context: CompletionContext;
    readonly value: CompletionValueItem;
    readonly label: string;
    readonly sortText: string;
}

/** The order of Langium's list as the client shows it: `sortText`, then label. */
function compareOffers(a: Offer, b: Offer): number {
    if (a.sortText !== b.sortText) return a.sortText < b.sortText ? -1 : 1;
    return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
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

    /**
     * Langium's `getCompletion`, with the list ranked and cut before items are built: a
     * workspace offers thousands of names, and only the first `MAX_COMPLETION_ITEMS` are sent.
     * What is sent is what Langium's list gives once sorted (`sortText`, then label) and cut:
     * the same filter by the typed prefix, the first of each kind, label and detail.
     */
    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        // A position past the end of a line or of the text means its end; ranges must stay inside the text.
        const { textDocument } = document;
        const position = textDocument.positionAt(textDocument.offsetAt(params.position));
        const offers: Offer[] = [];
        const request = this.startRequest();
        let context: CompletionContext | undefined;
        let typed = '';
        const acceptor: CompletionAcceptor = (each, value) => {
            const label = this.labelOf(value);
            if (label === undefined) return;
            if (each !== context) {
                context = each;
                typed = each.textDocument.getText().substring(each.tokenOffset, each.offset);
            }
            // Langium's fillCompletionItem drops what the typed prefix does not match (it builds no text edit).
            if (!value.textEdit && !this.fuzzyMatcher.match(typed, label)) return;
            // Langium keeps the first item of each kind, label and detail.
            const identity = this.identityOf(value, label);
            if (this.offeredIn[identity] === request) return;
            this.offeredIn[identity] = request;
            offers.push({ context: each, value, label, sortText: value.sortText ?? '' });
        };
        const completed: NextFeature[] = [];
        for (const built of this.buildContexts(document, position)) {
            await Promise.all(
                stream(built.features)
                    .distinct((next) => (GrammarAST.isKeyword(next.feature) ? next.feature.value : next.feature))
                    .exclude(completed)
                    .map((next) => this.completionFor(built, next, acceptor)),
            );
            completed.push(...built.features);
            // Langium's continueCompletion: later contexts only when nothing was offered yet.
            if (offers.length > 0) break;
        }
        const items = smallest(offers, MAX_COMPLETION_ITEMS, compareOffers).flatMap((offer) => this.fillCompletionItem(offer.context, offer.value) ?? []);
        // Langium's lists are always incomplete: the client asks again as the user types, so the cut list fills up.
        return { isIncomplete: true, items };
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

    /**
     * Numbers each kind, label and detail, once per declaration's description: a string key per
     * item and request, hashed in a set, cost more than the rest of a name's completion.
     */
    private identities = new Map<string, number>();
    private identityOfDescription = new WeakMap<AstNodeDescription, number>();
    /**
     * The last request that offered each identity. Requests interleave only between contexts
     * (`await`), and a later context is completed only when nothing was offered before it, so
     * no request reads the marks another one left.
     */
    private offeredIn: number[] = [];
    private requests = 0;

    private startRequest(): number {
        // Names come and go as the user edits: start the numbering again before it grows past what any workspace declares.
        if (this.identities.size > MAX_IDENTITIES) {
            this.identities = new Map();
            this.identityOfDescription = new WeakMap();
            this.offeredIn = [];
        }
        return ++this.requests;
    }

    private identityOf(value: CompletionValueItem, label: string): number {
        // A description's item always has the same label, kind and detail (createReferenceCompletionItem).
        const description = 'nodeDescription' in value ? value.nodeDescription : undefined;
        const known = description && this.identityOfDescription.get(description);
        if (known !== undefined) return known;
        const key = `${value.kind}_${label}_${value.detail}`;
        let identity = this.identities.get(key);
        if (identity === undefined) this.identities.set(key, (identity = this.identities.size));
        if (description) this.identityOfDescription.set(description, identity);
        return identity;
    }

    /** The label Langium's `fillCompletionItem` gives the item, without building it. */
    private labelOf(value: CompletionValueItem): string | undefined {
        if (typeof value.label === 'string') return value.label;
        if ('node' in value) return this.nameProvider.getName(value.node);
        if ('nodeDescription' in value) return value.nodeDescription.name;
        return undefined;
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, _refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        // Langium's item, whose documentation comes on resolve (getReferenceDocumentation); its data is added once it is sent (fillCompletionItem).
        return {
            nodeDescription: description,
            kind: this.nodeKindProvider.getCompletionItemKind(description),
            detail: describeKind(description.type),
            sortText: SORT_TEXT[this.proximity(description, context)],
        };
    }

    protected override fillCompletionItem(context: CompletionContext, value: CompletionValueItem): CompletionItem | undefined {
        const item = super.fillCompletionItem(context, value);
        if (!item || !('nodeDescription' in value)) return item;
        const data: DeclarationData = { uri: value.nodeDescription.documentUri.toString(), path: value.nodeDescription.path };
        return { ...item, data };
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
