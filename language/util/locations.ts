import { AstUtils, type AstNode } from 'langium';
import type { Location } from 'vscode-languageserver-types';

/** The location of a node's text, for related information; undefined for nodes without text. */
export function locationOf(node: AstNode): Location | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    return { uri: AstUtils.getDocument(node).uri.toString(), range: cst.range };
}
