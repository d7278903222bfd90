import { AstUtils, Cancellation, CstUtils, DefaultReferenceDescriptionProvider, interruptAndCheck, isMultiReference, isReference, UriUtils, type AstNodeDescription, type CstNode, type DocumentSegment, type LangiumDocument, type ReferenceDescription, type ReferenceInfo, type URI } from 'langium';
import { DocumentNodes, forEachReference, YIELD_EVERY } from '../analysis/document-nodes.js';

/**
 * A reference's description whose segment (offset, length and range) is computed when first
 * read: the index keeps one per reference of the workspace, and all but a few (find references,
 * rename) are only ever read for their files and paths.
 */
class ReferenceEntry implements ReferenceDescription {
    private segmentRead: DocumentSegment | undefined = undefined;

    constructor(
        readonly sourceUri: URI,
        readonly sourcePath: string,
        readonly targetUri: URI,
        readonly targetPath: string,
        readonly local: boolean,
        private readonly refNode: CstNode,
    ) {}

    get segment(): DocumentSegment {
        return (this.segmentRead ??= CstUtils.toDocumentSegment(this.refNode));
    }
}

/**
 * Langium's reference descriptions (`createInfoDescriptions`), with their segments computed on
 * demand, collected in Langium's order without a stream and an await per node (as the linker).
 */
export class LazyReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const nodes = new DocumentNodes(document.parseResult.value).all;
        const cancellable = cancelToken !== Cancellation.CancellationToken.None;
        for (let index = 0; index < nodes.length; index++) {
            if (cancellable && index % YIELD_EVERY === 0) await interruptAndCheck(cancelToken);
            forEachReference(nodes[index], (info) => {
                if (!info.reference.error) descriptions.push(...this.createInfoDescriptions(info));
            });
        }
        return descriptions;
    }

    protected override createInfoDescriptions(refInfo: ReferenceInfo): ReferenceDescription[] {
        const reference = refInfo.reference;
        const refNode = reference.$refNode;
        if (reference.error || !refNode) return [];
        let targets: AstNodeDescription[] = [];
        if (isReference(reference) && reference.$nodeDescription) targets = [reference.$nodeDescription];
        else if (isMultiReference(reference)) targets = reference.items.flatMap((item) => item.$nodeDescription ?? []);
        const sourceUri = AstUtils.getDocument(refInfo.container).uri;
        const sourcePath = this.nodeLocator.getAstNodePath(refInfo.container);
        return targets.map((target) => new ReferenceEntry(sourceUri, sourcePath, target.documentUri, target.path, UriUtils.equals(target.documentUri, sourceUri), refNode));
    }
}
