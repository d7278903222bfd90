/**
 * An element's name quoted for a message. While a name is being typed the element has none;
 * the message then says so rather than printing 'undefined'.
 */
export function quoted(name: string | undefined): string {
    return name ? `'${name}'` : '(unnamed)';
}

/** `a`, `a and b`, `a, b and c` (or `or`). */
export function joinList(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
    if (items.length <= 1) return items.join('');
    return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
