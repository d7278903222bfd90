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

/**
 * A finding of a rule that enforces requirements, in a reported file, that lies in no reported
 * workflow and in no declaration a reported workflow uses: a role nobody is given, a chain no
 * step escalates to. The report cannot say whose requirement it breaks, so it lists it apart.
 */
export interface OutsideFinding {
    readonly path: string;
    /** 1-based. */
    readonly line: number;
    readonly code: string;
    readonly requirements: readonly string[];
    readonly message: string;
    readonly suppression?: SuppressionInfo;
}

export interface ComplianceReport {
    readonly workflows: readonly WorkflowReport[];
    readonly outside: readonly OutsideFinding[];
}

/** A document's diagnostics as report findings. */
export function reportFindingsOf(document: LangiumDocument): ReportFinding[] {
    return (document.diagnostics ?? []).map((diagnostic) => ({
        code: String(diagnostic.code),
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        uri: document.uri.toString(),
        range: diagnostic.range,
        suppression: (diagnostic.data as { suppression?: SuppressionInfo } | undefined)?.suppression,
    }));
}

/**
 * For each workflow, the status of every requirement: violated when an active finding of a
 * rule enforcing it lies in the workflow or in a declaration the workflow uses (in any file,
 * directly or through other declarations); suppressed when all such findings are suppressed;
 * not applicable when the workflow has nothing the requirement speaks about; met otherwise.
 * A finding decides the status before applicability does: a requirement with a finding is
 * never "not applicable". Findings that no reported workflow reaches are listed in `outside`.
 */
export function buildComplianceReport(
    documents: readonly LangiumDocument[],
    findings: readonly ReportFinding[],
    rules: readonly RuleMeta[],
    displayPath: (uri: string) => string,
): ComplianceReport {
    const requirementsOf = new Map(rules.map((rule) => [rule.code, rule.requirements]));
    const located = new FindingIndex(findings.filter((finding) => (requirementsOf.get(finding.code) ?? []).length > 0));
    const attributed = new Set<ReportFinding>();
    const workflows: WorkflowReport[] = [];
    for (const document of documents) {
        const root = document.parseResult.value;
        if (!isHitlFile(root)) continue;
        for (const workflow of root.elements.filter(isWorkflow)) {
            const own = [workflow, ...declarationsUsedBy(workflow)].flatMap((node) => located.within(node));
            own.forEach((finding) => attributed.add(finding));
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
    const reported = new Set(documents.map((document) => document.uri.toString()));
    const outside = located.all
        .filter((finding) => reported.has(finding.uri) && !attributed.has(finding))
        .map((finding): OutsideFinding => ({
            path: displayPath(finding.uri),
            line: finding.range.start.line + 1,
            code: finding.code,
            requirements: requirementsOf.get(finding.code) ?? [],
            message: finding.message,
            ...(finding.suppression ? { suppression: finding.suppression } : {}),
        }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
    return { workflows, outside };
}

/** Whether the report has anything to fail on: a violated requirement, or an active finding outside every workflow. */
export function hasViolations(report: ComplianceReport): boolean {
    return report.workflows.some((w) => w.requirements.some((r) => r.status === 'violated')) || report.outside.some((finding) => !finding.suppression);
}

function toRowFinding(finding: ReportFinding) {
    return { code: finding.code, line: finding.range.start.line + 1, message: finding.message };
}

/** The top-level declarations each top-level declaration refers to, computed once per declaration. */
const referencedBy = new WeakMap<AstNode, readonly AstNode[]>();

function declarationsReferencedBy(declaration: AstNode): readonly AstNode[] {
    let targets = referencedBy.get(declaration);
    if (!targets) {
        const found = new Set<AstNode>();
        for (const node of AstUtils.streamAst(declaration)) {
            for (const reference of AstUtils.streamReferences(node)) {
                const target = 'ref' in reference.reference ? reference.reference.ref : undefined;
                const topLevel = target && topLevelOf(target);
                if (topLevel && topLevel !== declaration) found.add(topLevel);
            }
        }
        targets = [...found];
        referencedBy.set(declaration, targets);
    }
    return targets;
}

/**
 * The top-level declarations a workflow uses, in any file: those it refers to and, again,
 * those they refer to (an escalation that hands over to another, a team's members and the
 * teams among them, an AI actor's model and operator, a model's owner). Other workflows are
 * not used by it, even where a reference reaches into one.
 */
function declarationsUsedBy(workflow: Workflow): AstNode[] {
    const used = new Set<AstNode>([workflow]);
    const queue: AstNode[] = [workflow];
    for (let next = queue.pop(); next; next = queue.pop()) {
        for (const target of declarationsReferencedBy(next)) {
            if (used.has(target) || isWorkflow(target)) continue;
            used.add(target);
            queue.push(target);
        }
    }
    used.delete(workflow);
    return [...used];
}

function topLevelOf(node: AstNode): AstNode | undefined {
    let current: AstNode | undefined = node;
    while (current?.$container && !isHitlFile(current.$container)) current = current.$container;
    return current;
}

type Position = { readonly line: number; readonly character: number };

function compare(a: Position, b: Position): number {
    return a.line - b.line || a.character - b.character;
}

/** Findings by file, in order of position, so that those inside a declaration are found by binary search. */
class FindingIndex {
    private readonly byUri = new Map<string, ReportFinding[]>();

    constructor(readonly all: readonly ReportFinding[]) {
        for (const finding of all) {
            const list = this.byUri.get(finding.uri) ?? [];
            list.push(finding);
            this.byUri.set(finding.uri, list);
        }
        for (const list of this.byUri.values()) list.sort((a, b) => compare(a.range.start, b.range.start));
    }

    /** The findings that start inside a node's text. */
    within(node: AstNode): ReportFinding[] {
        const cst = node.$cstNode;
        const list = cst && this.byUri.get(AstUtils.getDocument(node).uri.toString());
        if (!cst || !list) return [];
        const { start, end } = cst.range;
        let low = 0;
        let high = list.length;
        while (low < high) {
            const middle = (low + high) >> 1;
            if (compare(list[middle].range.start, start) < 0) low = middle + 1;
            else high = middle;
        }
        const inside: ReportFinding[] = [];
        for (let i = low; i < list.length && compare(list[i].range.start, end) <= 0; i++) inside.push(list[i]);
        return inside;
    }
}
