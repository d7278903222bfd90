import { summarise, type CheckResult } from '../check-result.js';

export const JSON_FORMAT_VERSION = 1;

/**
 * The stable JSON shape (docs/cli.md): `{ version, tool, summary, files: [{ path, findings }] }`,
 * positions 1-based. Fields are only ever added, never renamed or removed, within a version.
 */
export function formatJson(result: CheckResult, toolVersion: string, extra: Record<string, unknown> = {}): string {
    const document = {
        version: JSON_FORMAT_VERSION,
        tool: { name: 'hitl', version: toolVersion },
        summary: summarise(result),
        files: result.files,
        ...extra,
    };
    return JSON.stringify(document, null, 2) + '\n';
}
