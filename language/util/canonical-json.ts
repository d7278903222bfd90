/**
 * RFC 8785 (JSON Canonicalization Scheme) for the values JSON.parse gives: object keys sorted by
 * UTF-16 code units, no whitespace, numbers and strings as ECMAScript serialises them (which
 * RFC 8785 adopts). What an audit record's hash is taken over.
 */
export function canonicalJson(value: unknown): string {
    if (value === null || typeof value !== 'object') {
        if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('JSON has no infinite or NaN numbers.');
        return JSON.stringify(value) ?? 'null';
    }
    if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}
