/** At most this many declared names are compared: a huge workspace must not slow linking down. */
export const MAX_COMPARED_NAMES = 5000;
/** At most this many suggestions are offered. */
export const MAX_SUGGESTIONS = 3;

/** How far a name may be from what was typed to be suggested: about one edit in three letters, at most three. */
export function maxDistance(typed: string): number {
    return Math.min(3, Math.max(1, Math.floor(typed.length / 3)));
}

/**
 * The declared names nearest to a typed one, nearest first (then alphabetical), within
 * {@link maxDistance} edits, case-insensitively. Names whose length alone puts them too far
 * are skipped without comparing, and each comparison stops once it exceeds the bound, so the
 * cost is about (names compared) × (typed length) × (bound).
 */
export function nearestNames(typed: string, names: Iterable<string>): string[] {
    const bound = maxDistance(typed);
    const target = typed.toLowerCase();
    const found: Array<{ name: string; distance: number }> = [];
    const seen = new Set<string>();
    let compared = 0;
    for (const name of names) {
        if (compared >= MAX_COMPARED_NAMES) break;
        if (name === typed || seen.has(name) || Math.abs(name.length - typed.length) > bound) continue;
        seen.add(name);
        compared++;
        const distance = boundedDistance(target, name.toLowerCase(), bound);
        if (distance <= bound) found.push({ name, distance });
    }
    found.sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return found.slice(0, MAX_SUGGESTIONS).map((f) => f.name);
}

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string
 * alignment), limited to a diagonal band of width `bound`; any distance above the bound is
 * returned as `bound + 1`.
 */
export function boundedDistance(a: string, b: string, bound: number): number {
    const over = bound + 1;
    if (Math.abs(a.length - b.length) > bound) return over;
    let twoBack = new Array<number>(b.length + 1).fill(over);
    let previous = new Array<number>(b.length + 1);
    let current = new Array<number>(b.length + 1);
    for (let j = 0; j <= b.length; j++) previous[j] = j <= bound ? j : over;
    for (let i = 1; i <= a.length; i++) {
        current.fill(over);
        current[0] = i <= bound ? i : over;
        let best = current[0];
        for (let j = Math.max(1, i - bound); j <= Math.min(b.length, i + bound); j++) {
            let distance = Math.min(previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), previous[j] + 1, current[j - 1] + 1);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, twoBack[j - 2] + 1);
            current[j] = Math.min(over, distance);
            best = Math.min(best, current[j]);
        }
        if (best > bound) return over;
        [twoBack, previous, current] = [previous, current, twoBack];
    }
    return Math.min(previous[b.length], over);
}
