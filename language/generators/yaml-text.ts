/**
 * JSON data as block-style YAML that means the same to every YAML reader, 1.1 and 1.2 alike:
 * a string is written plain only when it cannot be read as anything else (not `on`, `no`,
 * `null`, a number, a date; no `: ` or ` #` inside), otherwise double-quoted with JSON's
 * escapes (a JSON string is a valid YAML double-quoted scalar). No anchors, no folding, no tags.
 * Written here rather than with a YAML library because the data is plain and the output must
 * be cheap for a thousand workflows.
 */

/** Words some YAML reader takes for a boolean or null (YAML 1.1 reads `y`, `no`, `off` as booleans). */
const RESERVED = new Set(['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null', '~']);

/**
 * A string that may stay plain: starts with a letter or `_`, then letters, digits, marks, spaces
 * and punctuation (indicators such as `@` or `&` mean nothing after the first character, in
 * block context); no `: ` or ` #`, no trailing `:` or space.
 */
const PLAIN = /^[\p{L}_][\p{L}\p{M}\p{N} _.,;:/()'"+=?~$^<>@&*!%|#\p{Pd}\p{Pi}\p{Pf}…’]*$/u;

/** Characters a YAML stream may not hold raw, or that a YAML 1.1 reader takes for a line break. */
const UNPRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

function scalarString(text: string): string {
    if (PLAIN.test(text) && !RESERVED.has(text.toLowerCase()) && !text.includes(': ') && !text.includes(' #') && !text.endsWith(':') && !text.endsWith(' ')) return text;
    return JSON.stringify(text).replace(UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function scalarNumber(value: number): string {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML`);
    const text = String(value);
    // YAML 1.1 reads an exponent only after a decimal point: 1e-7 is written 1.0e-7.
    return /e/.test(text) && !text.includes('.') ? text.replace('e', '.0e') : text;
}

function scalar(value: unknown): string | undefined {
    if (value === null) return 'null';
    if (typeof value === 'string') return scalarString(value);
    if (typeof value === 'number') return scalarNumber(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (Array.isArray(value) && value.length === 0) return '[]';
    if (typeof value === 'object' && entries(value as object).length === 0) return '{}';
    return undefined;
}

function entries(value: object): Array<[string, unknown]> {
    return Object.entries(value).filter(([, inner]) => inner !== undefined);
}

function block(value: unknown, indent: string, lines: string[]): void {
    if (Array.isArray(value)) {
        for (const item of value) {
            const simple = scalar(item);
            if (simple !== undefined) {
                lines.push(`${indent}- ${simple}`);
                continue;
            }
            if (Array.isArray(item)) {
                lines.push(`${indent}-`);
                block(item, `${indent}  `, lines);
                continue;
            }
            // A mapping in a sequence: its first key on the dash's line, the rest under it.
            const start = lines.length;
            block(item, `${indent}  `, lines);
            lines[start] = `${indent}- ${lines[start].slice(indent.length + 2)}`;
        }
        return;
    }
    for (const [key, inner] of entries(value as object)) {
        const simple = scalar(inner);
        if (simple !== undefined) {
            lines.push(`${indent}${scalarString(key)}: ${simple}`);
        } else {
            lines.push(`${indent}${scalarString(key)}:`);
            block(inner, `${indent}  `, lines);
        }
    }
}

/** The value (plain JSON data: objects, arrays, strings, finite numbers, booleans, null) as a YAML document. */
export function yamlText(value: unknown): string {
    const simple = scalar(value);
    if (simple !== undefined) return `${simple}\n`;
    const lines: string[] = [];
    block(value, '', lines);
    return `${lines.join('\n')}\n`;
}
