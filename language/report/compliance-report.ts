import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import { isHitlFile, isWorkflow, type Workflow } from '../generated/ast.js';
import { REQUIREMENTS } from '../governance/requirements.js';
import type { RuleMeta } from '../validation/rule.js';
import type { SuppressionInfo } from '../validation/suppressions.js';

/** A finding as the report needs it: where it is and which rule raised it. */
export interface ReportFinding {
    readonly code: string;
    readonly message: string;
    readonly uri: string;
    /** 0-based, as in the language server. */
    readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
    readonly suppression?: SuppressionInfo;
}

export type RequirementStatus = 'met' | 'violated' | 'suppressed' | 'not-applicable';

export interface RequirementRow {
    readonly id: string;
    readonly title: string;
    readonly status: RequirementStatus;
    /** Codes of the findings that violate it (violated), with their 1-based line. */
    readonly findings: ReadonlyArray<{ code: string; line: number; message: string }>;
    /** The suppressions that accepted its findings (suppressed). */
    readonly suppressions: ReadonlyArray<{ code: string } & SuppressionInfo>;
    /** Why it does not apply (not-applicable). */
    readonly reason?: string;
}

export interface WorkflowReport {
    readonly workflow: string;
    readonly version?: string;
    readonly path: string;
    readonly requirements: readonly RequirementRow[];
}

export interface ComplianceReport {
    readonly workflows: readonly WorkflowReport[];
}

/**
 * For each workflow, the status of every requirement: violated when an active finding of a
 * rule enforcing it lies in the workflow or in a declaration the workflow uses; suppressed when
 * all such findings are suppressed; not applicable when the workflow has nothing the
 * requirement speaks about; met otherwise.
 */
export function buildComplianceReport(
    documents: readonly LangiumDocument[],
    findings: readonly ReportFinding[],
    rules: readonly RuleMeta[],
    displayPath: (uri: string) => string,
): ComplianceReport {
    const requirementsOf = new Map(rules.map((rule) => [rule.code, rule.requirements]));
    const workflows: WorkflowReport[] = [];
    for (const document of documents) {
        const root = document.parseResult.value;
        if (!isHitlFile(root)) continue;
        for (const workflow of root.elements.filter(isWorkflow)) {
            const scope = [workflow, ...declarationsUsedBy(workflow)];
            const own = findings.filter((finding) => scope.some((node) => contains(node, finding)));
            const requirements = REQUIREMENTS.map((requirement): RequirementRow => {
                const relevant = own.filter((finding) => requirementsOf.get(finding.code)?.includes(requirement.id));
                const active = relevant.filter((finding) => !finding.suppression);
                const base = { id: requirement.id, title: requirement.title };
                if (active.length > 0) {
                    return { ...base, status: 'violated', findings: active.map(toRowFinding), suppressions: [] };
                }
                if (relevant.length > 0) {
                    return { ...base, status: 'suppressed', findings: [], suppressions: relevant.map((f) => ({ code: f.code, ...f.suppression! })) };
                }
                const reason = requirement.notApplicable(workflow);
                return reason ? { ...base, status: 'not-applicable', findings: [], suppressions: [], reason } : { ...base, status: 'met', findings: [], suppressions: [] };
            });
            workflows.push({ workflow: workflow.name, version: workflow.version, path: displayPath(document.uri.toString()), requirements });
        }
    }
    workflows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.workflow < b.workflow ? -1 : 1));
    return { workflows };
}

function toRowFinding(finding: ReportFinding) {
    return { code: finding.code, line: finding.range.start.line + 1, message: finding.message };
}

/**
 * Top-level declarations a workflow refers to, directly or through other declarations: the
 * models of its AI actors, the members of its teams, the escalations its chains hand over to,
 * in any file. Each declaration is read once.
 */
function declarationsUsedBy(workflow: Workflow): AstNode[] {
    const used = new Set<AstNode>();
    const pending: AstNode[] = [workflow];
    while (pending.length > 0) {
        for (const node of AstUtils.streamAst(pending.pop()!)) {
            for (const reference of AstUtils.streamReferences(node)) {
                const target = 'ref' in reference.reference ? reference.reference.ref : undefined;
                const topLevel = target && topLevelOf(target);
                if (!topLevel || topLevel === workflow || used.has(topLevel)) continue;
                used.add(topLevel);
                pending.push(topLevel);
            }
        }
    }
    return [...used];
}

function topLevelOf(node: AstNode): AstNode | undefined {
    let current: AstNode | undefined = node;
    while (current?.$container && !isHitlFile(current.$container)) current = current.$container;
    return current;
}

function contains(node: AstNode, finding: ReportFinding): boolean {
    const cst = node.$cstNode;
    if (!cst || AstUtils.getDocument(node).uri.toString() !== finding.uri) return false;
    const { start, end } = cst.range;
    const at = finding.range.start;
    const afterStart = at.line > start.line || (at.line === start.line && at.character >= start.character);
    const beforeEnd = at.line < end.line || (at.line === end.line && at.character <= end.character);
    return afterStart && beforeEnd;
}
