import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';
import { z } from 'zod';
import { PROFILES, type RuleSettingsInput, type SeverityOverride } from './rule-settings.js';

/** The workspace configuration file, looked for at the workspace (or repository) root. */
export const CONFIG_FILE_NAME = 'hitl.config.yaml';

/** A configuration is a few lines; anything near this size is not one, and is not parsed. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Deeper flow nesting (`[[[[…`) only serves to exhaust the YAML parser's stack or memory. */
const MAX_FLOW_DEPTH = 32;

/** A file with thousands of mistakes needs the first ones, not all of them. */
export const MAX_CONFIG_PROBLEMS = 100;

export interface ConfigProblem {
    readonly message: string;
    /** 1-based */
    readonly line: number;
    /** 1-based */
    readonly column: number;
}

export interface ParsedConfig {
    readonly settings: RuleSettingsInput;
    readonly problems: readonly ConfigProblem[];
}

// The shapes of the values, shared with the JSON Schema of the file (config-schema.ts).
export const SEVERITY = z.enum(['error', 'warning', 'info', 'off'], { message: "a severity is one of 'error', 'warning', 'info' or 'off'" });
export const PROFILE = z.enum(PROFILES, { message: `a profile is one of ${PROFILES.map((p) => `'${p}'`).join(', ')}` });
export const IGNORE_PATTERN = z
    .string({ message: "an ignore pattern is a string such as 'test/fixtures/**'" })
    .min(1, { message: 'an ignore pattern cannot be empty' })
    // A regular expression rather than a function, so that the JSON Schema carries it too: not
    // absolute (`/x`, `C:\x`), and no `..` segment.
    .regex(/^(?!\/)(?![A-Za-z]:[\\/])(?![\s\S]*(?:^|\/)\.\.(?:\/|$))/, {
        message: 'an ignore pattern is relative to the folder of hitl.config.yaml and stays inside it',
    });

/** The settings a config file may hold, each with the shape its value must have. */
const SETTINGS: Record<'profile' | 'rules' | 'ignore', { shape: (node: unknown) => boolean; expected: string }> = {
    profile: { shape: isScalar, expected: `a profile is one of ${PROFILES.map((p) => `'${p}'`).join(', ')}` },
    rules: { shape: isMap, expected: "'rules' maps rule codes to severities, such as 'flow/dead-end: warning'" },
    ignore: { shape: isSeq, expected: "'ignore' is a list of patterns, such as ['test/fixtures/**']" },
};
type SettingName = keyof typeof SETTINGS;
const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** Keys that would reach an object's prototype if a consumer ever indexed a plain object with them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses `hitl.config.yaml`:
 *
 *     profile: eu-high-risk        # default | eu-high-risk | baseline
 *     rules:
 *       security/least-privilege: off
 *       audit/retention: warning
 *     ignore:
 *       - test/fixtures/**
 *
 * Every problem (YAML syntax, aliases, unknown keys, unknown rule codes, bad severities) comes
 * back with its line and column, at most {@link MAX_CONFIG_PROBLEMS} of them; the settings that
 * could be read are still returned, so a checker goes on with them and the defaults for the rest.
 * Linear in the size of the file, and never throws.
 */
export function parseConfig(text: string, knownCodes: ReadonlySet<string>): ParsedConfig {
    const problems = new ProblemList();
    try {
        return { settings: readSettings(text, knownCodes, problems), problems: problems.list() };
    } catch (error) {
        // The YAML library is not ours; whatever it throws becomes one problem, not a crash.
        problems.add({ message: `cannot be read as YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`, line: 1, column: 1 });
        return { settings: {}, problems: problems.list() };
    }
}

function readSettings(text: string, knownCodes: ReadonlySet<string>, problems: ProblemList): RuleSettingsInput {
    if (text.length > MAX_CONFIG_BYTES) {
        problems.add({ message: `the configuration is larger than ${MAX_CONFIG_BYTES / (1024 * 1024)} MB; it is not read`, line: 1, column: 1 });
        return {};
    }
    const lineCounter = new LineCounter();
    const at = (offset: number) => {
        const position = lineCounter.linePos(offset);
        return { line: position.line, column: position.col };
    };
    const tooDeep = firstTooDeepOffset(text);
    if (tooDeep !== undefined) {
        // Positions need the line starts, which only the parser records; count them by hand here.
        problems.add({ message: `collections are nested more than ${MAX_FLOW_DEPTH} levels deep`, ...positionOf(text, tooDeep) });
        return {};
    }
    const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
    for (const error of document.errors) problems.add({ message: error.message.split('\n')[0], ...at(error.pos[0]) });
    if (document.errors.length > 0) return {};
    reportUnsafeNodes(document, problems, at);

    const root = document.contents;
    if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return {};
    if (!isMap(root)) {
        problems.add({ message: "a configuration is a mapping with 'profile', 'rules' and 'ignore'", ...at(offsetOf(root)) });
        return {};
    }
    let profile: RuleSettingsInput['profile'];
    let rules: Map<string, SeverityOverride> | undefined;
    let ignore: string[] | undefined;
    for (const pair of root.items) {
        if (isUnsafe(pair)) continue;
        const name = keyText(pair);
        if (!(SETTING_NAMES as readonly string[]).includes(name ?? '')) {
            problems.add({ message: `unknown setting '${name ?? String(pair.key)}'; a config file has ${SETTING_NAMES.map((n) => `'${n}'`).join(', ')}`, ...at(offsetOf(pair.key)) });
            continue;
        }
        const setting = name as SettingName;
        // Each value is read node by node, never converted whole: that would expand aliases.
        const value = pair.value as Node | null;
        if (!SETTINGS[setting].shape(value)) {
            problems.add({ message: `'${setting}': ${SETTINGS[setting].expected}`, ...at(offsetOf(value ?? pair.key)) });
            continue;
        }
        if (setting === 'profile') profile = readProfile(value, problems, at);
        if (setting === 'rules') rules = readRules(value, knownCodes, problems, at);
        if (setting === 'ignore') ignore = readIgnore(value, problems, at);
    }
    return { ...(profile ? { profile } : {}), ...(rules ? { rules } : {}), ...(ignore ? { ignore } : {}) };
}

type At = (offset: number) => { line: number; column: number };

function readProfile(node: Node | null, problems: ProblemList, at: At): RuleSettingsInput['profile'] {
    const profile = PROFILE.safeParse(isScalar(node) ? node.value : undefined);
    if (profile.success) return profile.data;
    problems.add({ message: `'profile': ${profile.error.issues[0].message}`, ...at(offsetOf(node)) });
    return undefined;
}

/** Each entry on its own: an unknown code or a bad severity drops that entry only. */
function readRules(node: Node | null, knownCodes: ReadonlySet<string>, problems: ProblemList, at: At): Map<string, SeverityOverride> {
    const rules = new Map<string, SeverityOverride>();
    if (!isMap(node)) return rules;
    for (const pair of node.items) {
        if (isUnsafe(pair)) continue;
        const code = keyText(pair) ?? String(pair.key);
        if (!knownCodes.has(code)) {
            problems.add({ message: `unknown rule '${code}'; 'hitl rules' lists the codes`, ...at(offsetOf(pair.key)) });
            continue;
        }
        const severity = SEVERITY.safeParse(isScalar(pair.value) ? pair.value.value : undefined);
        if (!severity.success) {
            problems.add({ message: `'rules.${code}': ${severity.error.issues[0].message}`, ...at(offsetOf((pair.value as Node | null) ?? pair.key)) });
            continue;
        }
        rules.set(code, severity.data);
    }
    return rules;
}

function readIgnore(node: Node | null, problems: ProblemList, at: At): string[] {
    const patterns: string[] = [];
    if (!isSeq(node)) return patterns;
    for (const item of node.items) {
        if (isAlias(item)) continue;
        const pattern = IGNORE_PATTERN.safeParse(isScalar(item) ? item.value : undefined);
        if (pattern.success) patterns.push(pattern.data);
        else problems.add({ message: `'ignore': ${pattern.error.issues[0].message}`, ...at(offsetOf(item as Node)) });
    }
    return patterns;
}

/**
 * Aliases can multiply a four-line file into billions of nodes (the "billion laughs"), and a
 * configuration never needs them; prototype keys could reach an object's prototype; a repeated
 * key hides which value counts. Each is reported where it stands, and the readers skip them: no
 * alias is ever expanded. (The YAML library's own duplicate-key check is quadratic, hence this one
 * with a set per map.)
 */
function reportUnsafeNodes(document: Document, problems: ProblemList, at: At): void {
    const refuse = (message: string, node: unknown) => problems.add({ message, ...at(offsetOf(node)) });
    visit(document, {
        Alias(_, node) {
            refuse(`aliases (*${node.source}) are not supported in a configuration; write the value out`, node);
        },
        Map(_, map) {
            const seen = new Set<string>();
            for (const pair of map.items) {
                const key = keyText(pair);
                if (key === undefined) continue;
                if (PROTOTYPE_KEYS.has(key)) refuse(`'${key}' is not allowed as a key`, pair.key);
                else if (seen.has(key)) refuse(`'${key}' appears twice in this mapping; map keys must be unique`, pair.key);
                seen.add(key);
            }
        },
    });
}

/** Whether a pair is skipped by the readers: its problem was reported by {@link reportUnsafeNodes}. */
function isUnsafe(pair: Pair): boolean {
    const key = keyText(pair);
    return isAlias(pair.key) || isAlias(pair.value) || (key !== undefined && PROTOTYPE_KEYS.has(key));
}

function keyText(pair: Pair): string | undefined {
    return isScalar(pair.key) && (typeof pair.key.value === 'string' || typeof pair.key.value === 'number') ? String(pair.key.value) : undefined;
}

function offsetOf(node: unknown): number {
    if (isAlias(node) || isScalar(node) || isMap(node) || isSeq(node)) return node.range?.[0] ?? 0;
    if (isPair(node)) return offsetOf(node.key);
    return 0;
}

/** The offset where flow collections (`[`, `{`) first nest too deep, outside quotes and comments. */
function firstTooDeepOffset(text: string): number | undefined {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const char = text[i];
        if (char === '"' || char === "'") {
            // A quoted scalar: skip to its end (`\"` escapes in double quotes, `''` in single ones).
            for (i++; i < text.length && text[i] !== char; i++) if (char === '"' && text[i] === '\\') i++;
        } else if (char === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
            while (i < text.length && text[i] !== '\n') i++;
        } else if (char === '[' || char === '{') {
            if (++depth > MAX_FLOW_DEPTH) return i;
        } else if ((char === ']' || char === '}') && depth > 0) {
            depth--;
        }
    }
    return undefined;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
        line++;
        lineStart = i + 1;
    }
    return { line, column: offset - lineStart + 1 };
}

/** Keeps the first problems and counts the rest, so that a file of mistakes costs a bounded report. */
class ProblemList {
    private readonly problems: ConfigProblem[] = [];
    private dropped = 0;

    add(problem: ConfigProblem): void {
        if (this.problems.length < MAX_CONFIG_PROBLEMS) this.problems.push(problem);
        else this.dropped++;
    }

    list(): ConfigProblem[] {
        if (this.dropped === 0) return this.problems;
        const last = this.problems[this.problems.length - 1];
        return [...this.problems, { message: `${this.dropped} more problems not shown; fix the ones above first`, line: last.line, column: last.column }];
    }
}
