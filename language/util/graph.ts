/** Everything reachable from the start nodes along `successors`, the start nodes included; iterative, so deep graphs cannot overflow the stack. */
export function closure<T>(start: Iterable<T>, successors: (node: T) => Iterable<T>): Set<T> {
    const seen = new Set<T>(start);
    const stack = [...seen];
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
