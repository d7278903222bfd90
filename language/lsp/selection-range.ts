import { CstUtils, isCompositeCstNode, isLeafCstNode, type CstNode, type LangiumDocument, type LeafCstNode } from 'langium';
import type { Position, Range, SelectionRange } from 'vscode-languageserver-types';
import { startsItem } from './formatter.js';

const DOC_COMMENTS = ['ML_COMMENT'];

/**
 * Expand selection: the token under the cursor, then the property (or step line) it is part
 * of, then each enclosing element (a `raci { … }` block, a gate, its workflow, with its
 * `/** … *\/` documentation), then the whole file. Each range strictly contains the one before it.
 */
export function selectionRanges(document: LangiumDocument, positions: readonly Position[]): SelectionRange[] {
    return positions.map((position) => selectionRange(document, position));
}

function selectionRange(document: LangiumDocument, position: Position): SelectionRange {
    const { textDocument } = document;
    const offset = textDocument.offsetAt(position);
    const spans: Array<[number, number]> = [];
    const add = (start: number, end: number) => {
        const last = spans.at(-1);
        if (!last || (start <= last[0] && end >= last[1] && end - start > last[1] - last[0])) spans.push([start, end]);
    };
    const root = document.parseResult.value.$cstNode;
    const leaf = root && (CstUtils.findLeafNodeAtOffset(root, offset) ?? CstUtils.findLeafNodeBeforeOffset(root, offset));
    if (leaf) {
        add(leaf.offset, leaf.end);
        // The root's own range (first to last token) is no unit a reader thinks in; the file follows.
        for (let node: CstNode = leaf; node.container?.container; node = node.container) {
            const item = itemAround(node.container, node);
            if (item) add(item[0], item[1]);
            add(node.container.offset, node.container.end);
            const documentation = CstUtils.findCommentNode(node.container, DOC_COMMENTS);
            if (documentation) add(documentation.offset, node.container.end);
        }
    }
    add(0, textDocument.getText().length);
    let result: SelectionRange | undefined;
    for (const [start, end] of spans.reverse()) {
        result = { range: rangeOf(document, start, end), parent: result };
    }
    return result ?? { range: { start: position, end: position } };
}

/** The property a child of a block belongs to: from its first word to the next property or `}`. */
function itemAround(parent: CstNode, child: CstNode): [number, number] | undefined {
    if (!isCompositeCstNode(parent)) return undefined;
    const siblings = parent.content.filter((node) => !node.hidden && node.length > 0);
    const index = siblings.indexOf(child);
    if (index < 0) return undefined;
    let first = index;
    while (first >= 0 && !opensItem(siblings[first])) first--;
    if (first < 0) return undefined;
    let last = index;
    while (last + 1 < siblings.length && !opensItem(siblings[last + 1]) && !isBrace(siblings[last + 1])) last++;
    return [siblings[first].offset, siblings[last].end];
}

function opensItem(node: CstNode): boolean {
    const leaf = firstLeaf(node);
    return leaf !== undefined && startsItem(leaf);
}

function firstLeaf(node: CstNode): LeafCstNode | undefined {
    if (isLeafCstNode(node)) return node;
    return CstUtils.streamCst(node).filter(isLeafCstNode).find((leaf) => !leaf.hidden);
}

function isBrace(node: CstNode): boolean {
    return isLeafCstNode(node) && (node.text === '}' || node.text === '{');
}

function rangeOf(document: LangiumDocument, start: number, end: number): Range {
    return { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
}
