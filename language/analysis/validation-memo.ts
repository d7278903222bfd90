import type { AstNode } from 'langium';

/**
 * Analyses that several rules ask for (a workflow's duties, say) and that read other files
 * (parties, escalation chains), kept while the document holding the node is validated and
 * dropped after: a relink between two validations (another file changed) never sees an old
 * answer, and outside validation (hover, code lens) each call computes afresh.
 */
const open = new WeakMap<AstNode, Map<object, Map<AstNode, unknown>>>();

/** Called by the document validator around the validation of the tree whose root is `root`. */
export function startValidation(root: AstNode): void {
    open.set(root, new Map());
}

export function endValidation(root: AstNode): void {
    open.delete(root);
}

/** `compute`, answered once per node while the node's document is validated. */
export function keptWhileValidating<T extends AstNode, V>(compute: (node: T) => V): (node: T) => V {
    return (node) => {
        let root: AstNode = node;
        while (root.$container) root = root.$container;
        const memos = open.get(root);
        if (!memos) return compute(node);
        let memo = memos.get(compute) as Map<T, V> | undefined;
        if (!memo) memos.set(compute, (memo = new Map()));
        if (memo.has(node)) return memo.get(node)!;
        const value = compute(node);
        memo.set(node, value);
        return value;
    };
}
