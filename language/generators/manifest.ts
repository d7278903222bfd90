/**
 * `manifest.json`, the record of one `hitl compile`: which tool built which outputs from which
 * sources (by sha256), which findings were accepted by suppressions (with their reason, approver
 * and expiry), and how each compiled workflow stands against the requirements G01–G40. Built from
 * data only: the CLI reads and hashes the files, the compliance report supplies the coverage.
 * Deterministic: every list is sorted and nothing depends on the clock unless a date is given.
 */

/** Bumped when a field changes meaning or is removed; readers check it. */
export const MANIFEST_VERSION = 1;

export const MANIFEST_FILE_NAME = 'manifest.json';

export interface HashedFile {
    /** Relative, with forward slashes: to the workspace root for sources, to the output folder for outputs. */
    readonly path: string;
    /** Lower-case hex. */
    readonly sha256: string;
}

export interface SuppressedFinding {
    readonly code: string;
    readonly path: string;
    /** 1-based. */
    readonly line: number;
    /** 1-based. */
    readonly column: number;
    readonly message: string;
    readonly reason: string;
    readonly approver: string;
    /** ISO date. */
    readonly expires: string;
}

export type CoverageStatus = 'met' | 'violated' | 'suppressed' | 'not-applicable';

/** The part of a compliance report row the manifest keeps (language/report/compliance-report.ts has the rest). */
export interface CoverageRowInput {
    readonly id: string;
    readonly status: CoverageStatus;
    readonly findings: ReadonlyArray<{ readonly code: string }>;
    readonly suppressions: ReadonlyArray<{ readonly code: string }>;
    /** Why it does not apply (not-applicable). */
    readonly reason?: string;
}

export interface CoverageInput {
    readonly workflow: string;
    readonly version?: string;
    readonly path: string;
    readonly requirements: readonly CoverageRowInput[];
}

export interface ManifestInput {
    readonly toolVersion: string;
    readonly format: string;
    /** ISO date (YYYY-MM-DD) when the caller was asked for one; otherwise the manifest has no date. */
    readonly generatedOn?: string;
    readonly sources: readonly HashedFile[];
    readonly outputs: readonly HashedFile[];
    readonly suppressed: readonly SuppressedFinding[];
    readonly coverage: readonly CoverageInput[];
}

export interface CoverageRow {
    readonly id: string;
    readonly status: CoverageStatus;
    /** The rule codes behind a violated or suppressed status, each once. */
    readonly codes?: readonly string[];
    /** Why a requirement does not apply. */
    readonly reason?: string;
}

export interface WorkflowCoverage {
    readonly workflow: string;
    readonly version?: string;
    readonly path: string;
    readonly counts: { readonly met: number; readonly violated: number; readonly suppressed: number; readonly notApplicable: number };
    readonly requirements: readonly CoverageRow[];
}

export interface Manifest {
    readonly manifestVersion: number;
    readonly tool: { readonly name: 'hitl'; readonly version: string };
    readonly generatedOn?: string;
    readonly format: string;
    readonly sources: readonly HashedFile[];
    readonly outputs: readonly HashedFile[];
    readonly suppressed: readonly SuppressedFinding[];
    readonly coverage: readonly WorkflowCoverage[];
}

export function buildManifest(input: ManifestInput): Manifest {
    return {
        manifestVersion: MANIFEST_VERSION,
        tool: { name: 'hitl', version: input.toolVersion },
        ...(input.generatedOn !== undefined ? { generatedOn: input.generatedOn } : {}),
        format: input.format,
        sources: sortedFiles(input.sources),
        outputs: sortedFiles(input.outputs),
        suppressed: [...input.suppressed].map(suppressedFinding).sort(compareSuppressed),
        coverage: input.coverage.map(workflowCoverage).sort((a, b) => compareText(a.path, b.path) || compareText(a.workflow, b.workflow)),
    };
}

/** Two-space JSON with a final newline; keys in the order built above, so equal input gives equal bytes. */
export function renderManifest(manifest: Manifest): string {
    return JSON.stringify(manifest, null, 2) + '\n';
}

/** Whether parsed JSON is a manifest hitl wrote (any version): what allows a compile to replace its folder. */
export function isHitlManifest(value: unknown): value is Pick<Manifest, 'manifestVersion' | 'outputs'> {
    if (typeof value !== 'object' || value === null) return false;
    const candidate = value as { manifestVersion?: unknown; tool?: { name?: unknown }; outputs?: unknown };
    return (
        typeof candidate.manifestVersion === 'number' &&
        candidate.tool?.name === 'hitl' &&
        Array.isArray(candidate.outputs) &&
        candidate.outputs.every((output) => typeof (output as HashedFile | null)?.path === 'string')
    );
}

function sortedFiles(files: readonly HashedFile[]): HashedFile[] {
    return files.map((file) => ({ path: file.path, sha256: file.sha256 })).sort((a, b) => compareText(a.path, b.path));
}

// Fields copied one by one: the key order of the output does not depend on the caller's objects.
function suppressedFinding(finding: SuppressedFinding): SuppressedFinding {
    const { code, path, line, column, message, reason, approver, expires } = finding;
    return { code, path, line, column, message, reason, approver, expires };
}

function compareSuppressed(a: SuppressedFinding, b: SuppressedFinding): number {
    return compareText(a.path, b.path) || a.line - b.line || a.column - b.column || compareText(a.code, b.code) || compareText(a.message, b.message);
}

function workflowCoverage(workflow: CoverageInput): WorkflowCoverage {
    const count = (status: CoverageStatus) => workflow.requirements.filter((row) => row.status === status).length;
    return {
        workflow: workflow.workflow,
        ...(workflow.version !== undefined ? { version: workflow.version } : {}),
        path: workflow.path,
        counts: { met: count('met'), violated: count('violated'), suppressed: count('suppressed'), notApplicable: count('not-applicable') },
        // Requirement order (G01…G40) is meaningful; the report gives it.
        requirements: workflow.requirements.map((row) => {
            const codes = [...new Set([...row.findings, ...row.suppressions].map((entry) => entry.code))].sort(compareText);
            return { id: row.id, status: row.status, ...(codes.length > 0 ? { codes } : {}), ...(row.status === 'not-applicable' && row.reason !== undefined ? { reason: row.reason } : {}) };
        }),
    };
}

/** By UTF-16 code units, never by locale: the same order on every machine. */
function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
