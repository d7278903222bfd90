import type { LangiumDocument } from 'langium';
import { REQUIREMENTS } from '../governance/requirements.js';
import { ruleCatalogue } from '../validation/registry.js';
import { buildComplianceReport, reportFindingsOf, type RequirementStatus, type ReportFinding } from './compliance-report.js';

// The compliance matrix of each workflow of one document, for the editor: the report of `hitl
// report`, with each finding's file and range so that the view can reveal it.

export interface ComplianceFinding {
    readonly code: string;
    readonly message: string;
    readonly uri: string;
    /** 0-based, as in the language server. */
    readonly range: ReportFinding['range'];
}

export interface ComplianceRequirement {
    readonly id: string;
    readonly title: string;
    readonly status: RequirementStatus;
    readonly findings: readonly ComplianceFinding[];
    readonly suppressions: ReadonlyArray<{ readonly code: string; readonly reason: string; readonly approver: string; readonly expires: string }>;
    readonly reason?: string;
}

export interface WorkflowCompliance {
    readonly workflow: string;
    readonly path: string;
    readonly requirements: readonly ComplianceRequirement[];
    /** Requirements met or not applicable: nothing is outstanding against them. */
    readonly met: number;
    readonly total: number;
}

/** Every workflow of `document`, its findings looked up among those of all `documents` (a workflow answers for the declarations it uses). */
export function workflowCompliance(document: LangiumDocument, documents: readonly LangiumDocument[], display: (uri: string) => string): WorkflowCompliance[] {
    const findings = documents.flatMap((each) => reportFindingsOf(each));
    const report = buildComplianceReport([document], findings, ruleCatalogue, display);
    const locate = (finding: { code: string; line: number; message: string }): ComplianceFinding => {
        const candidates = findings.filter((each) => each.code === finding.code && each.message === finding.message && each.range.start.line + 1 === finding.line);
        // The workflow's own file first: the same line in another file is a declaration it uses.
        const found = candidates.find((each) => each.uri === document.uri.toString()) ?? candidates[0];
        const range = found?.range ?? { start: { line: finding.line - 1, character: 0 }, end: { line: finding.line - 1, character: 0 } };
        return { code: finding.code, message: finding.message, uri: found?.uri ?? document.uri.toString(), range };
    };
    return report.workflows.map((workflow) => {
        const requirements = workflow.requirements.map(
            (row): ComplianceRequirement => ({
                id: row.id,
                title: row.title,
                status: row.status,
                findings: row.findings.map(locate),
                suppressions: row.suppressions.map(({ code, reason, approver, expires }) => ({ code, reason, approver, expires })),
                ...(row.reason !== undefined ? { reason: row.reason } : {}),
            }),
        );
        const met = requirements.filter((row) => row.status === 'met' || row.status === 'not-applicable').length;
        return { workflow: workflow.workflow, path: workflow.path, requirements, met, total: REQUIREMENTS.length };
    });
}
