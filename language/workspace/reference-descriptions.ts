import {
    AstUtils,
    Cancellation,
    CstUtils,
    DefaultReferenceDescriptionProvider,
    isMultiReference,
    isReference,
    UriUtils,
    type AstNode,
    type AstNodeDescription,
    type CstNode,
    type DocumentSegment,
    type LangiumDocument,
    type ReferenceDescription,
    type ReferenceInfo,
    type URI,
} from 'langium';
import { visitReferences } from '../references/reference-walk.js';

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
 * Langium's reference descriptions, with their segments computed on demand, over the tree walked
 * once (see reference-walk.ts), and each source's path computed once for all its references.
 */
export class LazyReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        let container: AstNode | undefined;
        let sourcePath = '';
        await visitReferences(document.parseResult.value, cancelToken, (info) => {
            if (info.reference.error) return;
            if (info.container !== container) {
                container = info.container;
                sourcePath = this.nodeLocator.getAstNodePath(container);
            }
            descriptions.push(...this.entries(info, document.uri, sourcePath));
        });
        return descriptions;
    }

    protected override createInfoDescriptions(refInfo: ReferenceInfo): ReferenceDescription[] {
        return this.entries(refInfo, AstUtils.getDocument(refInfo.container).uri, this.nodeLocator.getAstNodePath(refInfo.container));
    }

    private entries(refInfo: ReferenceInfo, sourceUri: URI, sourcePath: string): ReferenceDescription[] {
        const reference = refInfo.reference;
        const refNode = reference.$refNode;
        if (reference.error || !refNode) return [];
        let targets: AstNodeDescription[] = [];
        if (isReference(reference) && reference.$nodeDescription) targets = [reference.$nodeDescription];
        else if (isMultiReference(reference)) targets = reference.items.flatMap((item) => item.$nodeDescription ?? []);
        return targets.map((target) => new ReferenceEntry(sourceUri, sourcePath, target.documentUri, target.path, UriUtils.equals(target.documentUri, sourceUri), refNode));
    }
}
