import type { CheckResult, FileResult, Finding } from '../../headless/check-result.js';
import { compareFindings } from '../../headless/check-result.js';
import type { Change } from '../change.js';
import type { ModelDiff } from '../diff-models.js';

/**
 * The weakening changes as findings on HEAD's lines, so that the check's SARIF and GitHub
 * formats carry them: a change with no place in HEAD (a workflow removed) has none and is left
 * to the other formats.
 */
export function diffFindings(diff: ModelDiff): CheckResult {
    const byFile = new Map<string, Finding[]>();
    const weakenings: Array<{ change: Change; workflow: string }> = diff.workflows.flatMap((w) => w.changes.filter((c) => c.class === 'weakening').map((change) => ({ change, workflow: w.id })));
    for (const { change, workflow } of weakenings) {
        if (!change.source || !change.code || !change.severity) continue;
        const { file, line, column, endLine, endColumn } = change.source;
        const finding: Finding = {
            code: change.code,
            severity: change.severity,
            message: `${workflow}: ${change.message}${change.severity === 'error' ? ' Raise the workflow version and name a change approver to accept it.' : ''}`,
            path: file,
            region: { start: { line, column }, end: { line: endLine, column: endColumn } },
            related: [],
        };
        byFile.set(file, [...(byFile.get(file) ?? []), finding]);
    }
    const files: FileResult[] = [...byFile.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, findings]) => ({ path, findings: [...findings].sort(compareFindings) }));
    return { files };
}
