import type { Diagnostic } from 'vscode-languageserver-types';
import type { Severity } from '../validation/rule.js';
import type { SuppressionInfo } from '../validation/suppressions.js';

/** 1-based line and column, as editors and CI annotations show them. */
export interface Position {
    readonly line: number;
    readonly column: number;
}

export interface Region {
    readonly start: Position;
    readonly end: Position;
}

export interface RelatedLocation {
    readonly path: string;
    readonly region: Region;
    readonly message: string;
}

export interface Finding {
    readonly code: string;
    /** The severity the rule reports with; a suppressed finding keeps it and carries `suppression`. */
    readonly severity: Severity;
    readonly message: string;
    readonly path: string;
    readonly region: Region;
    readonly related: readonly RelatedLocation[];
    /** Set when a `suppress` block next to the element accepted this finding. */
    readonly suppression?: SuppressionInfo;
}

export interface FileResult {
    /** Path relative to the working directory, with forward slashes. */
    readonly path: string;
    readonly findings: readonly Finding[];
}

export interface CheckResult {
    readonly files: readonly FileResult[];
}

export interface Summary {
    readonly files: number;
    readonly errors: number;
    readonly warnings: number;
    readonly infos: number;
    readonly suppressed: number;
}

/** Counts by severity; suppressed findings are counted apart and never fail a check. */
export function summarise(result: CheckResult): Summary {
    const all = result.files.flatMap((file) => file.findings);
    const active = all.filter((f) => !f.suppression);
    return {
        files: result.files.length,
        errors: active.filter((f) => f.severity === 'error').length,
        warnings: active.filter((f) => f.severity === 'warning').length,
        infos: active.filter((f) => f.severity === 'info').length,
        suppressed: all.length - active.length,
    };
}

const SEVERITIES: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

export function toRegion(range: Diagnostic['range']): Region {
    return {
        start: { line: range.start.line + 1, column: range.start.character + 1 },
        end: { line: range.end.line + 1, column: range.end.character + 1 },
    };
}

/** A language-server diagnostic as a CLI finding; `pathOf` turns document URIs into display paths. */
export function toFinding(diagnostic: Diagnostic, path: string, pathOf: (uri: string) => string): Finding {
    const data = diagnostic.data as { severity?: Severity; suppression?: SuppressionInfo } | undefined;
    return {
        code: typeof diagnostic.code === 'string' ? diagnostic.code : 'hitl/unknown',
        severity: data?.suppression && data.severity ? data.severity : SEVERITIES[diagnostic.severity ?? 1],
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        path,
        region: toRegion(diagnostic.range),
        related: (diagnostic.relatedInformation ?? []).map((info) => ({
            path: pathOf(info.location.uri),
            region: toRegion(info.location.range),
            message: info.message,
        })),
        ...(data?.suppression ? { suppression: data.suppression } : {}),
    };
}

/** Findings in a stable order: by line, then column, then code. */
export function compareFindings(a: Finding, b: Finding): number {
    return (
        a.region.start.line - b.region.start.line ||
        a.region.start.column - b.region.start.column ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
        (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
    );
}
