import { Cancellation, interruptAndCheck, isMultiReference, isReference, type AstNode, type ReferenceInfo } from 'langium';
import { documentNodes } from '../analysis/document-nodes.js';

/**
 * Visits every reference of a tree in the order of Langium's `streamAst` and `streamReferences`
 * (the order of a document's `references`, and so of its linking errors), with the node holding
 * it, without a stream per node, on the node list that validation uses next (see
 * analysis/document-nodes.ts). Between nodes it yields to the event loop only when the work can be
 * cancelled (the editor's; the CLI's cannot): an `await` per node costs a promise each.
 */
export async function visitReferences(root: AstNode, cancelToken: Cancellation.CancellationToken, visit: (info: ReferenceInfo) => void): Promise<void> {
    const cancellable = cancelToken !== Cancellation.CancellationToken.None;
    for (const node of documentNodes(root).all) {
        if (cancellable) await interruptAndCheck(cancelToken);
        for (const property of Object.keys(node)) {
            if (property.startsWith('$')) continue;
            const value = (node as unknown as Record<string, unknown>)[property];
            if (isReference(value) || isMultiReference(value)) visit({ reference: value, container: node, property });
            else if (Array.isArray(value)) {
                for (let index = 0; index < value.length; index++) {
                    const element: unknown = value[index];
                    if (isReference(element) || isMultiReference(element)) visit({ reference: element, container: node, property, index });
                }
            }
        }
    }
}
