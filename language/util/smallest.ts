/**
 * The `count` smallest of `items` by `compare`, in order, ties in the order given: what a
 * stable sort cut to `count` returns, without sorting everything. Most items are rejected by
 * one comparison with the largest kept so far.
 */
export function smallest<T>(items: Iterable<T>, count: number, compare: (a: T, b: T) => number): T[] {
    if (count < 1) return [];
    const kept: T[] = [];
    let bound: T | undefined;
    for (const item of items) {
        // An item equal to the bound comes after it in the order given, so it cannot displace it.
        if (bound !== undefined && compare(item, bound) >= 0) continue;
        kept.push(item);
        if (kept.length === 2 * count) {
            kept.sort(compare);
            kept.length = count;
            bound = kept[count - 1];
        }
    }
    kept.sort(compare);
    if (kept.length > count) kept.length = count;
    return kept;
}
