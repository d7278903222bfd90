import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { PROFILES, type RuleSettingsInput } from './rule-settings.js';

/** The workspace configuration file, looked for at the workspace (or repository) root. */
export const CONFIG_FILE_NAME = 'hitl.config.yaml';

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

const SEVERITY = z.enum(['error', 'warning', 'info', 'off'], { message: "a severity is one of 'error', 'warning', 'info' or 'off'" });

const CONFIG_SCHEMA = z
    .object({
        profile: z.enum(PROFILES, { message: `a profile is one of ${PROFILES.map((p) => `'${p}'`).join(', ')}` }).optional(),
        rules: z.record(z.string(), SEVERITY).optional(),
    })
    .strict();

/**
 * Parses `hitl.config.yaml`:
 *
 *     profile: eu-high-risk        # default | eu-high-risk | baseline
 *     rules:
 *       security/least-privilege: off
 *       audit/retention: warning
 *
 * Every problem (YAML syntax, unknown keys, unknown rule codes, bad severities) comes back
 * with its line and column; the settings that could be read are still returned.
 */
export function parseConfig(text: string, knownCodes: ReadonlySet<string>): ParsedConfig {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, prettyErrors: false });
    const at = (offset: number) => {
        const position = lineCounter.linePos(offset);
        return { line: position.line, column: position.col };
    };
    const problems: ConfigProblem[] = document.errors.map((error) => ({ message: error.message.split('\n')[0], ...at(error.pos[0]) }));
    if (problems.length > 0) return { settings: {}, problems };

    const value: unknown = document.toJS() ?? {};
    const parsed = CONFIG_SCHEMA.safeParse(value);
    const offsetOf = (path: ReadonlyArray<PropertyKey>, key = false): number => {
        const node = document.getIn(path as unknown[], true);
        if (key && path.length > 0) {
            const parent = document.getIn(path.slice(0, -1) as unknown[], true) as { items?: Array<{ key: unknown }> } | undefined;
            const pair = parent?.items?.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === path[path.length - 1]);
            if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
        }
        return isNode(node) && node.range ? node.range[0] : 0;
    };
    if (!parsed.success) {
        for (const issue of parsed.error.issues) {
            if (issue.code === 'unrecognized_keys') {
                for (const key of issue.keys) {
                    problems.push({ message: `unknown setting '${key}'; a config file has 'profile' and 'rules'`, ...at(offsetOf([...issue.path, key], true)) });
                }
            } else {
                const where = issue.path.length > 0 ? `'${issue.path.join('.')}': ` : '';
                problems.push({ message: `${where}${issue.message}`, ...at(offsetOf(issue.path)) });
            }
        }
    }
    const settings: RuleSettingsInput = parsed.success ? parsed.data : {};
    for (const code of Object.keys(settings.rules ?? {})) {
        if (!knownCodes.has(code)) {
            problems.push({ message: `unknown rule '${code}'; 'hitl rules' lists the codes`, ...at(offsetOf(['rules', code], true)) });
        }
    }
    return { settings, problems };
}
