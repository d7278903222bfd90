/**
 * An element's name quoted for a message. While a name is being typed the element has none;
 * the message then says so rather than printing 'undefined'.
 */
export function quoted(name: string | undefined): string {
    return name ? `'${name}'` : '(unnamed)';
}
