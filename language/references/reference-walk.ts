import { Cancellation, interruptAndCheck, type AstNode, type ReferenceInfo } from 'langium';
import { documentNodes, forEachReference, YIELD_EVERY } from '../analysis/document-nodes.js';

/**
 * Visits every reference of a tree in the order of Langium's `streamAst` and `streamReferences`
 * (the order of a document's `references`, and so of its linking errors), with the node holding
 * it, without a stream per node, on the node list that validation uses next (see
 * analysis/document-nodes.ts). It yields to the event loop every few hundred nodes, and only when
 * the work can be cancelled (the editor's; the CLI's cannot): an `await` per node costs a promise each.
 */
export async function visitReferences(root: AstNode, cancelToken: Cancellation.CancellationToken, visit: (info: ReferenceInfo) => void): Promise<void> {
    const cancellable = cancelToken !== Cancellation.CancellationToken.None;
    const nodes = documentNodes(root).all;
    for (let index = 0; index < nodes.length; index++) {
        if (cancellable && index % YIELD_EVERY === 0) await interruptAndCheck(cancelToken);
        forEachReference(nodes[index], visit);
    }
}
