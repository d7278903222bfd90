/**
 * Mermaid text that renders the same on GitHub as in the mermaid library: labels always in
 * double quotes, with the characters Mermaid or its HTML labels would read escaped as Mermaid
 * entity codes (`#quot;`), and line breaks as `<br/>`.
 */

const ENTITIES: Record<string, string> = { '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;', '`': '#96;', '|': '#124;', '\\': '#92;' };

export function escapeLabel(text: string): string {
    return text.replace(/[#"<>&`|\\]/g, (char) => ENTITIES[char]).replace(/[\r\n\u0085\u2028\u2029]+/g, ' ');
}

/** Lines of label text, each escaped, joined by Mermaid line breaks, in double quotes. */
export function label(...lines: ReadonlyArray<string | undefined>): string {
    return `"${lines
        .filter((line): line is string => line !== undefined && line.length > 0)
        .map(escapeLabel)
        .join('<br/>')}"`;
}

/** A node id Mermaid reads as a plain id whatever the step is called (`end` is a keyword; `o`/`x` after a link change its head). */
export function nodeId(prefix: string, ...parts: readonly string[]): string {
    return [prefix, ...parts].join('_').replace(/[^A-Za-z0-9_]/g, '_');
}
