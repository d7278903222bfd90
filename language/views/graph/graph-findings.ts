import type { Finding, SourceRange, Step, Workflow } from '../../model/schema.js';

/** What a node's badge says: its active (not suppressed) errors and warnings. */
export interface NodeFindings {
    readonly errors: number;
    readonly warnings: number;
    /** The codes of those findings, sorted, each once. */
    readonly codes: readonly string[];
}

/** A finding about a path through the workflow (a gate bypassed, a veto missed): the steps it names, in path order. */
export interface PathFinding {
    readonly code: string;
    readonly severity: Finding['severity'];
    readonly message: string;
    readonly steps: readonly string[];
    readonly source: SourceRange;
}

export function nodeFindingsOf(findings: readonly Finding[]): NodeFindings {
    const active = findings.filter((finding) => !finding.suppression && finding.severity !== 'info');
    return {
        errors: active.filter((finding) => finding.severity === 'error').length,
        warnings: active.filter((finding) => finding.severity === 'warning').length,
        codes: [...new Set(active.map((finding) => finding.code))].sort(),
    };
}

function sameRange(a: SourceRange, b: SourceRange): boolean {
    return a.file === b.file && a.line === b.line && a.column === b.column && a.endLine === b.endLine && a.endColumn === b.endColumn;
}

function findingsOfStep(step: Step): Finding[] {
    const routes = step.kind === 'outcome' ? [] : step.routes;
    const rules = step.kind === 'gate' || step.kind === 'queue' ? step.escalations : [];
    return [...(step.findings ?? []), ...routes.flatMap((route) => route.findings ?? []), ...rules.flatMap((rule) => rule.findings ?? [])];
}

/**
 * The workflow's active findings that name a path: those whose related locations are two or
 * more of its steps (the checker adds each step of the path as a related location).
 */
export function pathFindingsOf(workflow: Workflow): PathFinding[] {
    const findings = [...(workflow.findings ?? []), ...workflow.steps.flatMap(findingsOfStep)];
    const paths: PathFinding[] = [];
    for (const finding of findings) {
        if (finding.suppression) continue;
        const steps = finding.related.flatMap((related) => workflow.steps.filter((step) => sameRange(step.source, related.source)).map((step) => step.id));
        if (steps.length >= 2) paths.push({ code: finding.code, severity: finding.severity, message: finding.message, steps, source: finding.source });
    }
    return paths;
}
