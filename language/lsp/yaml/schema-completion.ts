/**
 * Completion in a YAML file from its JSON Schema, read from the lines above the cursor rather
 * than from a parse: a file being typed rarely parses. Knows block mappings and sequences, the
 * schema's `properties`, `additionalProperties`, `items`, local `$ref`s and `oneOf` branches
 * told apart by their `kind` constant; enough for hitl.config.yaml and the scenario files.
 */

export type JsonSchema = { readonly [key: string]: unknown };

export interface SchemaSuggestion {
    readonly label: string;
    /** A key of a mapping (inserted with `: `) or a value. */
    readonly kind: 'key' | 'value';
    readonly description?: string;
}

type Segment = string | typeof ITEM;
const ITEM = Symbol('sequence item');

interface Line {
    readonly indent: number;
    /** Where the key starts: after the indentation and a `- ` that opens a sequence item. */
    readonly keyIndent: number;
    readonly item: boolean;
    readonly key?: string;
    readonly value?: string;
}

const KEY_LINE = /^( *)(- +)?([^\s#:'"][^#:]*?|'[^']*'|"[^"]*"):(?:\s+(.*?))?\s*(?:#.*)?$/;

function readLine(text: string): Line | undefined {
    if (/^\s*(#.*)?$/.test(text)) return undefined;
    const match = KEY_LINE.exec(text);
    const indent = /^ */.exec(text)![0].length;
    const item = /^ *- /.test(text);
    const keyIndent = item ? indent + /^ *(- +)/.exec(text)![1].length : indent;
    if (!match) return { indent, keyIndent, item };
    return { indent, keyIndent, item, key: unquote(match[3]), value: match[4] || undefined };
}

function unquote(key: string): string {
    return /^(['"]).*\1$/.test(key) ? key.slice(1, -1) : key;
}

/** What to offer at the cursor (line and character, 0-based) of a YAML text under a schema. */
export function schemaSuggestions(text: string, line: number, character: number, schema: JsonSchema): SchemaSuggestion[] {
    const lines = text.split(/\r?\n/);
    const prefix = (lines[line] ?? '').slice(0, character);
    const valueAt = /^( *)(- +)?([^\s#:'"][^#:]*?|'[^']*'|"[^"]*"):\s+([^\s#]*)$/.exec(prefix);
    const keyAt = /^( *)(- +)?([^\s#:]*)$/.exec(prefix);
    if (!valueAt && !keyAt) return [];
    const match = (valueAt ?? keyAt)!;
    const keyIndent = match[1].length + (match[2]?.length ?? 0);
    // A `- ` line's parent is what holds the sequence, above its dash.
    const path = parentPath(lines, line, match[2] ? match[1].length : keyIndent);
    if (match[2]) path.push(ITEM);
    const siblings = siblingLines(lines, line, keyIndent, Boolean(match[2]));
    if (valueAt) {
        const key = unquote(valueAt[3]);
        return valuesOf(objectsAt(schema, path, siblings).flatMap((object) => step(schema, object, key)));
    }
    // `- ` alone in a sequence of values: its values.
    if (match[2] && match[3] === '') {
        const values = valuesOf(objectsAt(schema, path, siblings));
        if (values.length > 0) return values;
    }
    const present = new Set(siblings.flatMap((sibling) => (sibling.key === undefined ? [] : [sibling.key])));
    const keys = new Map<string, string | undefined>();
    for (const object of objectsAt(schema, path, siblings)) {
        for (const [name, property] of Object.entries(properties(object))) {
            if (!present.has(name) && !keys.has(name)) keys.set(name, description(schema, property));
        }
    }
    return [...keys].map(([label, text]) => ({ label, kind: 'key', ...(text ? { description: text } : {}) }));
}

/** The keys (and sequence items) that hold the line, outermost first. */
function parentPath(lines: readonly string[], line: number, keyIndent: number): Segment[] {
    const path: Segment[] = [];
    let need = keyIndent;
    for (let index = line - 1; index >= 0 && need > 0; index--) {
        const above = readLine(lines[index]);
        if (!above) continue;
        // A `- ` at a lesser indentation opens the item the line belongs to.
        if (above.item && above.indent < need && above.keyIndent >= need) {
            path.unshift(ITEM);
            need = above.indent;
            continue;
        }
        if (above.keyIndent >= need) continue;
        if (above.key === undefined || above.value !== undefined) break;
        path.unshift(above.key);
        if (above.item) path.unshift(ITEM);
        need = above.item ? above.indent : above.keyIndent;
    }
    return path;
}

/** The other lines of the same mapping as the cursor's line. */
function siblingLines(lines: readonly string[], line: number, keyIndent: number, item: boolean): Line[] {
    const siblings: Line[] = [];
    const sameMapping = (candidate: Line) => candidate.keyIndent === keyIndent;
    // A line that opens an item starts its mapping: what stands above belongs to other items.
    for (let index = item ? -1 : line - 1; index >= 0; index--) {
        const above = readLine(lines[index]);
        if (!above || above.keyIndent > keyIndent) continue;
        if (!sameMapping(above)) break;
        siblings.push(above);
        // A `- ` line is the first of its item's mapping.
        if (above.item) break;
    }
    for (let index = line + 1; index < lines.length; index++) {
        const below = readLine(lines[index]);
        if (!below || below.keyIndent > keyIndent) continue;
        if (!sameMapping(below) || below.item) break;
        siblings.push(below);
    }
    return siblings;
}

function resolve(root: JsonSchema, schema: unknown): JsonSchema | undefined {
    let current = schema as JsonSchema | undefined;
    for (let depth = 0; current && typeof current.$ref === 'string' && depth < 8; depth++) {
        const ref: string = current.$ref;
        if (!ref.startsWith('#/')) return undefined;
        current = ref
            .slice(2)
            .split('/')
            .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as JsonSchema)[key] : undefined), root) as JsonSchema | undefined;
    }
    return current && typeof current === 'object' ? current : undefined;
}

/** The schema's alternatives: its `oneOf`/`anyOf` branches, or itself. */
function branches(root: JsonSchema, schema: JsonSchema): JsonSchema[] {
    const options = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
    if (!Array.isArray(options)) return [schema];
    return options.flatMap((option) => {
        const resolved = resolve(root, option);
        return resolved ? branches(root, resolved) : [];
    });
}

function properties(schema: JsonSchema): Record<string, unknown> {
    const own = schema.properties;
    return own && typeof own === 'object' ? (own as Record<string, unknown>) : {};
}

/** The schemas a path leads to, keeping the branches that fit the `kind` written beside the cursor. */
function objectsAt(root: JsonSchema, path: readonly Segment[], siblings: readonly Line[]): JsonSchema[] {
    let current = branches(root, root);
    for (const segment of path) current = current.flatMap((object) => step(root, object, segment));
    const kind = siblings.find((sibling) => sibling.key === 'kind')?.value;
    if (kind === undefined) return current;
    const chosen = current.filter((object) => resolve(root, properties(object).kind)?.const === unquote(kind));
    return chosen.length > 0 ? chosen : current;
}

/** The schemas of a key's value (or a sequence's items) under an object schema. */
function step(root: JsonSchema, object: JsonSchema, segment: Segment): JsonSchema[] {
    const next = segment === ITEM ? object.items : (properties(object)[segment] ?? object.additionalProperties);
    const resolved = resolve(root, next);
    return resolved ? branches(root, resolved) : [];
}

function valuesOf(schemas: readonly JsonSchema[]): SchemaSuggestion[] {
    const values = new Set<string>();
    for (const schema of schemas) {
        if (Array.isArray(schema.enum)) schema.enum.forEach((value) => values.add(String(value)));
        if (schema.const !== undefined) values.add(String(schema.const));
        if (schema.type === 'boolean') ['true', 'false'].forEach((value) => values.add(value));
    }
    return [...values].map((label) => ({ label, kind: 'value' }));
}

function description(root: JsonSchema, schema: unknown): string | undefined {
    const own = (schema as JsonSchema | undefined)?.description;
    if (typeof own === 'string') return own;
    const resolved = resolve(root, schema)?.description;
    return typeof resolved === 'string' ? resolved : undefined;
}
