import { AstUtils, CstUtils, type AstNode, type AstNodeDescription, type AstNodeDescriptionProvider, type AstNodeLocator, type DocumentSegment, type LangiumCoreServices, type LangiumDocument, type NameProvider, type URI } from 'langium';

/**
 * A declaration's description whose segments are computed when first read. Langium's are object
 * literals with a getter and a closure per description, which V8 keeps as hash tables (about
 * half a kilobyte each), with the selection segment and the node's range built up front: the
 * index and the local symbols hold one per declaration, tens of thousands in a large workspace.
 */
class NodeDescription implements AstNodeDescription {
    private nameSegmentRead: DocumentSegment | undefined = undefined;
    private selectionSegmentRead: DocumentSegment | undefined = undefined;

    constructor(
        readonly node: AstNode,
        readonly name: string,
        readonly type: string,
        readonly documentUri: URI,
        readonly path: string,
        private readonly nameProvider: NameProvider,
    ) {}

    get nameSegment(): DocumentSegment | undefined {
        return (this.nameSegmentRead ??= CstUtils.toDocumentSegment(this.nameProvider.getNameNode(this.node) ?? this.node.$cstNode));
    }

    get selectionSegment(): DocumentSegment | undefined {
        return (this.selectionSegmentRead ??= CstUtils.toDocumentSegment(this.node.$cstNode));
    }
}

/** Langium's description provider, with the same descriptions in a compact form. */
export class CompactNodeDescriptionProvider implements AstNodeDescriptionProvider {
    private readonly astNodeLocator: AstNodeLocator;
    private readonly nameProvider: NameProvider;

    constructor(services: LangiumCoreServices) {
        this.astNodeLocator = services.workspace.AstNodeLocator;
        this.nameProvider = services.references.NameProvider;
    }

    createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const uri = (document ?? AstUtils.getDocument(node)).uri;
        name ??= this.nameProvider.getName(node);
        const path = this.astNodeLocator.getAstNodePath(node);
        if (!name) throw new Error(`Node at path ${path} has no name.`);
        return new NodeDescription(node, name, node.$type, uri, path, this.nameProvider);
    }
}
