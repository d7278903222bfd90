import { isAstNode, isCompositeCstNode, isMultiReference, isReference, type AstNode, type CstNode, type LeafCstNode, type ReferenceInfo } from 'langium';

/**
 * One walk of a document's syntax tree, shared by the linker, the reference index, the validator
 * and every rule that looks at all nodes of a kind (suppressions, quantities, models) or at every
 * token (durations), instead of each walking the whole tree again through Langium's streams. It
 * is made when the tree is linked and dropped once it is validated (`forgetDocumentNodes`), so
 * that a large workspace does not hold a second copy of every tree's node list for long.
 */
export class DocumentNodes {
    /** Every node, the root first, in the order of Langium's `AstUtils.streamAst`. */
    readonly all: readonly AstNode[];
    /** For the node at each index, the index just past its subtree. */
    private readonly ends: Int32Array;
    private readonly kinds = new Map<(node: AstNode) => boolean, readonly AstNode[]>();
    private leafList: readonly LeafCstNode[] | undefined;

    constructor(private readonly root: AstNode) {
        // Depth-first with a stack of its own: no recursion limit on deeply nested input.
        const all: AstNode[] = [];
        const parents: number[] = [];
        const stack: Array<readonly [AstNode, number]> = [[root, -1]];
        while (stack.length > 0) {
            const [node, parent] = stack.pop()!;
            const index = all.length;
            all.push(node);
            parents.push(parent);
            // The children as `AstUtils.streamContents` yields them, pushed last first.
            const children: AstNode[] = [];
            for (const property of Object.keys(node)) {
                if (property.startsWith('$')) continue;
                const value = (node as unknown as Record<string, unknown>)[property];
                if (isAstNode(value)) children.push(value);
                else if (Array.isArray(value)) for (const element of value) if (isAstNode(element)) children.push(element);
            }
            for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], index]);
        }
        const sizes = new Int32Array(all.length).fill(1);
        for (let i = all.length - 1; i > 0; i--) sizes[parents[i]] += sizes[i];
        this.ends = sizes.map((size, index) => index + size);
        this.all = all;
    }

    /** The nodes that pass a type guard (`isSuppression`, say), in tree order. */
    ofKind<T extends AstNode>(guard: (node: unknown) => node is T): readonly T[] {
        let found = this.kinds.get(guard);
        if (!found) {
            found = this.all.filter(guard);
            this.kinds.set(guard, found);
        }
        return found as readonly T[];
    }

    /** The index past the subtree of the node at `index` (to skip it). */
    subtreeEnd(index: number): number {
        return this.ends[index];
    }

    /** The node and every node inside it, in tree order: a slice of `all`. */
    within(node: AstNode): readonly AstNode[] {
        const index = node === this.root ? 0 : this.all.indexOf(node);
        return index < 0 ? [] : this.all.slice(index, this.ends[index]);
    }

    /** Every leaf of the concrete syntax tree, comments included, in text order. */
    get leaves(): readonly LeafCstNode[] {
        if (!this.leafList) {
            const leaves: LeafCstNode[] = [];
            const stack: CstNode[] = this.root.$cstNode ? [this.root.$cstNode] : [];
            while (stack.length > 0) {
                const cst = stack.pop()!;
                if (!isCompositeCstNode(cst)) leaves.push(cst as LeafCstNode);
                else for (let i = cst.content.length - 1; i >= 0; i--) stack.push(cst.content[i]);
            }
            this.leafList = leaves;
        }
        return this.leafList;
    }
}

const cache = new WeakMap<AstNode, DocumentNodes>();

/** The shared walk of the tree whose root is `root` (a document's root, or the root of the node given). */
export function documentNodes(node: AstNode): DocumentNodes {
    let root = node;
    while (root.$container) root = root.$container;
    let nodes = cache.get(root);
    if (!nodes) {
        nodes = new DocumentNodes(root);
        cache.set(root, nodes);
    }
    return nodes;
}

/** Drops the walk once the tree is validated; the next validation (after an edit, say) walks it again. */
export function forgetDocumentNodes(root: AstNode): void {
    cache.delete(root);
}

/** Nodes linked or indexed between two checks for cancellation (well under a millisecond of work). */
export const YIELD_EVERY = 256;

/**
 * The references a node holds, as `AstUtils.streamReferences` yields them (same order, same
 * information), without building a stream per node: linking and indexing visit every node of
 * every file, and the streams cost more than the look-ups on a large workflow.
 */
export function forEachReference(node: AstNode, visit: (info: ReferenceInfo) => void): void {
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
