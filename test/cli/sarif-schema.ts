import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { expect } from 'vitest';
import { REPO } from './cli.js';

/** The official SARIF 2.1.0 schema, as shipped by Microsoft's SARIF SDK. */
export const SCHEMA_FILE = path.join(REPO, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

// RFC 3986 characters; percent signs only as escapes. No spaces, backslashes or raw Unicode.
const URI_CHARS = String.raw`(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*`;
const URI = new RegExp(`^[A-Za-z][A-Za-z0-9+.\\-]*:${URI_CHARS}$`);
export const URI_REFERENCE = new RegExp(`^${URI_CHARS}$`);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/**
 * The schema is draft-04, which ajv 8 does not load as such. It uses no keyword whose meaning
 * changed after draft-04 (sarif.test.ts checks), so declaring it draft-07 (`id` → `$id`) validates
 * exactly as draft-04 would. Its patterns are plain ECMAScript regexes, hence no `u` flag;
 * `strictRequired` only lints how the schema itself is written.
 */
export function sarifValidator(): ValidateFunction {
    const { $schema, id, ...schema } = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { $schema: string; id: string } & Record<string, unknown>;
    expect($schema).toBe('http://json-schema.org/draft-04/schema#');
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, unicodeRegExp: false });
    ajv.addFormat('uri', URI);
    ajv.addFormat('uri-reference', URI_REFERENCE);
    ajv.addFormat('date-time', { validate: (text: string) => DATE_TIME.test(text) && !Number.isNaN(Date.parse(text)) });
    return ajv.compile({ $id: id, ...schema });
}

export interface SarifLocation {
    id?: number;
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } };
    message?: { text: string };
}

export interface SarifResult {
    ruleId: string;
    ruleIndex?: number;
    level: string;
    message: { text: string };
    locations: SarifLocation[];
    relatedLocations?: SarifLocation[];
    partialFingerprints: Record<string, string>;
    suppressions?: Array<{ kind: string; status?: string; justification?: string }>;
}

export interface SarifRule {
    id: string;
    name: string;
    shortDescription: { text: string };
    help: { text: string; markdown?: string };
    helpUri?: string;
    properties?: { tags?: string[]; requirements?: string[]; citations?: string[] };
}

export interface SarifLog {
    version: string;
    runs: Array<{ tool: { driver: { name: string; version: string; rules: SarifRule[] } }; results: SarifResult[] }>;
}
