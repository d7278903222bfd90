import { AstUtils, type AstNode } from 'langium';
import type { HitlCoreServices } from '../hitl-module.js';

/**
 * The elements that refer to a declaration, in any file of the workspace, by file and then
 * position: for findings on a declaration that name the elements it affects.
 */
export function referencingNodes(node: AstNode, services: HitlCoreServices): AstNode[] {
    const documents = services.shared.workspace.LangiumDocuments;
    const locator = services.workspace.AstNodeLocator;
    return services.references.References.findReferences(node, { includeDeclaration: false })
        .map((reference) => {
            const document = documents.hasDocument(reference.sourceUri) ? documents.getDocument(reference.sourceUri) : undefined;
            return document && locator.getAstNode(document.parseResult.value, reference.sourcePath);
        })
        .filter((source): source is AstNode => source !== undefined)
        .toArray()
        .sort(byPosition);
}

function byPosition(a: AstNode, b: AstNode): number {
    const uriA = AstUtils.getDocument(a).uri.toString();
    const uriB = AstUtils.getDocument(b).uri.toString();
    if (uriA !== uriB) return uriA < uriB ? -1 : 1;
    return (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0);
}
