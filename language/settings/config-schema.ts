import { z } from 'zod';
import type { RuleMeta } from '../validation/rule.js';
import { CONFIG_FILE_NAME, IGNORE_PATTERN, PROFILE, SEVERITY } from './config-file.js';

/** Where the schema is committed in this repository, and its name in a compile's output folder. */
export const CONFIG_SCHEMA_FILE_NAME = 'hitl.config.schema.json';

/**
 * The JSON Schema (2020-12) of `hitl.config.yaml`, for YAML editors to complete and check it:
 * built from the value shapes the parser uses (config-file.ts) and the rule catalogue, whose codes
 * are the only keys `rules` takes. What a schema cannot say (aliases, repeated keys, the size and
 * nesting caps) the parser still reports as `config/invalid`.
 */
export function configJsonSchema(rules: readonly RuleMeta[]): Record<string, unknown> {
    // A registry of its own: the descriptions and the `$defs` name stay out of zod's global one.
    const meta = z.registry<{ id?: string; title?: string; description?: string }>();
    const severity = SEVERITY.clone().register(meta, { id: 'severity', description: "What a rule's findings count as; 'off' silences the rule." });
    const sorted = [...rules].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const ruleSeverities = z
        .object(Object.fromEntries(sorted.map((rule) => [rule.code, severity.optional().register(meta, { description: ruleDescription(rule) })])))
        .strict()
        .register(meta, { description: "Severity per rule code ('hitl rules' lists them): error, warning, info or off. Wins over the profile." });
    const config = z
        .object({
            profile: PROFILE.optional().register(meta, {
                description: "Starting severities: 'default' (the catalogue's), 'eu-high-risk' (governance warnings become errors) or 'baseline' (errors only for oversight and accountability, G01–G12).",
            }),
            rules: ruleSeverities.optional(),
            ignore: z
                .array(IGNORE_PATTERN.clone().register(meta, { description: 'A glob relative to the folder of this file, such as test/fixtures/** or *.draft.hitl.' }))
                .optional()
                .register(meta, { description: 'Files and folders the checker and the editor do not load.' }),
        })
        .strict()
        .register(meta, { title: CONFIG_FILE_NAME, description: 'Settings of a hitl workspace: profile, per-rule severities and ignored paths.' });
    return z.toJSONSchema(config, { target: 'draft-2020-12', io: 'input', metadata: meta }) as Record<string, unknown>;
}

/** The schema as the file holds it: two-space JSON and a final newline, so that it diffs well. */
export function renderConfigSchema(rules: readonly RuleMeta[]): string {
    return JSON.stringify(configJsonSchema(rules), null, 2) + '\n';
}

function ruleDescription(rule: RuleMeta): string {
    const requirements = rule.requirements.length > 0 ? `; ${rule.requirements.join(', ')}` : '';
    return `${rule.title} (default: ${rule.severity}${requirements})`;
}
