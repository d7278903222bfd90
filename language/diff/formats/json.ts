import type { ModelDiff } from '../diff-models.js';

export const DIFF_JSON_VERSION = 1;

/**
 * The stable JSON shape of `hitl diff` (docs/review.md): `{ version, tool, base, head, summary,
 * workflows: [{ id, title, status, version, changeApprover, changes, source }], declarations }`. Fields are only
 * ever added within a version.
 */
export function formatDiffJson(diff: ModelDiff, sides: { base: string; head: string }, toolVersion: string): string {
    const document = { version: DIFF_JSON_VERSION, tool: { name: 'hitl', version: toolVersion }, base: sides.base, head: sides.head, summary: diff.summary, workflows: diff.workflows, declarations: diff.declarations };
    return JSON.stringify(document, null, 2) + '\n';
}
