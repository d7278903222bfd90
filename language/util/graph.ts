/** Everything reachable from `from` (itself included) along `successors`; iterative, so deep graphs cannot overflow the stack. */
export function reachable<T>(from: T, successors: (node: T) => Iterable<T>): Set<T> {
    const seen = new Set<T>([from]);
    const stack = [from];
    while (stack.length > 0) {
        for (const next of successors(stack.pop()!)) {
            if (!seen.has(next)) {
                seen.add(next);
                stack.push(next);
            }
        }
    }
    return seen;
}
