/**
 * How much of an unbounded list one finding shows, so that no diagnostic grows with the size of
 * the workflow (issue 12): every rule that lists a path, a chain or related locations keeps to
 * these.
 */

/** Steps of a path (or levels of a chain) shown in a message or as related locations. */
export const MAX_PATH_STEPS = 12;

/** Related locations of one finding; past this many, the message says how many more there are. */
export const MAX_RELATED = 20;

/**
 * The positions of a list of `count` items that are shown: all of them, or for a long list the
 * first and last few (`undefined` stands for the run left out between them).
 */
export function shownPositions(count: number, max = MAX_PATH_STEPS): Array<number | undefined> {
    if (count <= max) return Array.from({ length: count }, (_, i) => i);
    const head = Math.ceil((max - 1) / 2);
    const tail = max - 1 - head;
    return [...Array.from({ length: head }, (_, i) => i), undefined, ...Array.from({ length: tail }, (_, i) => count - tail + i)];
}

/** `A → B → C`; a long list shows its first and last items and how many lie between. */
export function joinShown(count: number, item: (position: number) => string, unit = 'steps'): string {
    const shown = shownPositions(count);
    const left = count - shown.length + 1;
    return shown.map((position) => (position === undefined ? `… ${left} more ${unit} …` : item(position))).join(' → ');
}

/**
 * Names for a message, at most `max` of them and then how many more: `'A', 'B' and 3 more`.
 * A list of steps, decisions, gates or members that grows with the workflow keeps to this.
 */
export function joinCapped(items: readonly string[], separator = ', ', max = MAX_PATH_STEPS): string {
    if (items.length <= max) return items.join(separator);
    return `${items.slice(0, max).join(separator)} and ${items.length - max} more`;
}

/** The first `max` items and, past them, `N more`: for `joinList`, which writes the last one after 'and'. */
export function shownItems(items: readonly string[], max = MAX_PATH_STEPS): string[] {
    return items.length <= max ? [...items] : [...items.slice(0, max), `${items.length - max} more`];
}
