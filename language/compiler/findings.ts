import type { FileResult, Finding as CheckFinding, Region } from '../headless/check-result.js';
import type { Finding, SourceRange } from '../model/schema.js';

/**
 * Attaching the checker's findings to the model: each goes to the innermost element whose
 * source range holds it, so a consumer (a graph view, a report) shows it where it belongs.
 */

/** Something in the model with a source range and room for findings. */
export interface Attachable {
    readonly source: SourceRange;
    findings?: Finding[];
}

function sourceOf(path: string, region: Region): SourceRange {
    return { file: path, line: region.start.line, column: region.start.column, endLine: region.end.line, endColumn: region.end.column };
}

export function toModelFinding(finding: CheckFinding): Finding {
    return {
        code: finding.code,
        severity: finding.severity,
        message: finding.message,
        source: sourceOf(finding.path, finding.region),
        related: finding.related.map((related) => ({ message: related.message, source: sourceOf(related.path, related.region) })),
        ...(finding.suppression ? { suppression: { reason: finding.suppression.reason, approver: finding.suppression.approver, expires: finding.suppression.expires } } : {}),
    };
}

function before(a: { line: number; column: number }, b: { line: number; column: number }): boolean {
    return a.line < b.line || (a.line === b.line && a.column <= b.column);
}

function holds(outer: SourceRange, inner: SourceRange): boolean {
    return before({ line: outer.line, column: outer.column }, { line: inner.line, column: inner.column }) && before({ line: inner.endLine, column: inner.endColumn }, { line: outer.endLine, column: outer.endColumn });
}

/** Whether `a` lies inside `b` (or is it), so that `a` is the more specific place for a finding. */
function within(a: SourceRange, b: SourceRange): boolean {
    return holds(b, a);
}

/**
 * Puts each finding on the innermost attachable whose range holds the finding's start; returns
 * the findings that lie in no element. Findings keep the order they come in (the checker sorts
 * them by position per file).
 */
export function attachFindings(files: readonly FileResult[], attachables: readonly Attachable[]): Finding[] {
    const byFile = new Map<string, Attachable[]>();
    for (const attachable of attachables) {
        const list = byFile.get(attachable.source.file) ?? [];
        list.push(attachable);
        byFile.set(attachable.source.file, list);
    }
    const loose: Finding[] = [];
    for (const file of files) {
        for (const checkFinding of file.findings) {
            const finding = toModelFinding(checkFinding);
            const start: SourceRange = { ...finding.source, endLine: finding.source.line, endColumn: finding.source.column };
            let best: Attachable | undefined;
            for (const candidate of byFile.get(finding.source.file) ?? []) {
                if (holds(candidate.source, start) && (!best || within(candidate.source, best.source))) best = candidate;
            }
            if (best) (best.findings ??= []).push(finding);
            else loose.push(finding);
        }
    }
    return loose;
}
