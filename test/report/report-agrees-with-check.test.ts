import { AstUtils, URI, type AstNode, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { isHitlFile, isWorkflow, type Workflow } from '../../language/generated/ast.js';
import { createHitlCoreServices } from '../../language/hitl-module.js';
import { checkFiles } from '../../language/headless/workspace-check.js';
import { buildComplianceReport, reportFindingsOf, type ReportFinding } from '../../language/report/compliance-report.js';
import { ruleCatalogue } from '../../language/validation/registry.js';
import { fixtureCases } from '../rules/fixtures.js';

/**
 * `hitl report` and `hitl check` agree: for every workflow, a requirement is never shown as
 * met or not applicable while check reports an active finding of a rule enforcing it in the
 * workflow or in a declaration the workflow uses, directly or through other declarations (an
 * escalation handing over to another, a team's members, an AI actor's model), in any file of
 * the workspace. A finding that lies in no workflow's reach is listed as outside every workflow.
 *
 * "Uses" is computed here on its own, naively (every reference, followed to the declaration
 * that holds its target, again and again), so that the report's own bookkeeping is checked
 * against it rather than against itself.
 */

const requirementsOf = new Map(ruleCatalogue.map((rule) => [rule.code, rule.requirements]));

function topLevelOf(node: AstNode): AstNode {
    let current = node;
    while (current.$container && !isHitlFile(current.$container)) current = current.$container;
    return current;
}

/** The workflow and every top-level declaration it reaches through references, workflows excepted. */
function reach(workflow: Workflow): AstNode[] {
    const seen = new Set<AstNode>([workflow]);
    const queue: AstNode[] = [workflow];
    while (queue.length > 0) {
        const node = queue.shift()!;
        for (const inner of AstUtils.streamAst(node)) {
            for (const reference of AstUtils.streamReferences(inner)) {
                const target = 'ref' in reference.reference ? reference.reference.ref : undefined;
                if (!target) continue;
                const holder = topLevelOf(target);
                if (seen.has(holder) || isWorkflow(holder)) continue;
                seen.add(holder);
                queue.push(holder);
            }
        }
    }
    return [...seen];
}

function holds(node: AstNode, finding: ReportFinding): boolean {
    const cst = node.$cstNode;
    if (!cst || AstUtils.getDocument(node).uri.toString() !== finding.uri) return false;
    const { start, end } = cst.range;
    const at = finding.range.start;
    const after = at.line > start.line || (at.line === start.line && at.character >= start.character);
    const before = at.line < end.line || (at.line === end.line && at.character <= end.character);
    return after && before;
}

function describeFinding(finding: ReportFinding): string {
    return `${path.basename(URI.parse(finding.uri).fsPath)}:${finding.range.start.line + 1} ${finding.code} ${finding.message}`;
}

/** Checks one workspace: every disagreement, as a readable line. */
function disagreements(documents: readonly LangiumDocument[]): string[] {
    const findings = documents.flatMap(reportFindingsOf);
    const report = buildComplianceReport(documents, findings, ruleCatalogue, (uri) => uri);
    const problems: string[] = [];
    const attributed = new Set<ReportFinding>();
    for (const document of documents) {
        const root = document.parseResult.value;
        if (!isHitlFile(root)) continue;
        for (const workflow of root.elements.filter(isWorkflow)) {
            const rows = report.workflows.find((w) => w.workflow === workflow.name && w.path === document.uri.toString())?.requirements;
            if (!rows) {
                problems.push(`workflow ${workflow.name} is missing from the report`);
                continue;
            }
            const scope = reach(workflow);
            for (const finding of findings) {
                const requirements = requirementsOf.get(finding.code) ?? [];
                if (requirements.length === 0 || !scope.some((node) => holds(node, finding))) continue;
                attributed.add(finding);
                for (const id of requirements) {
                    const row = rows.find((r) => r.id === id)!;
                    const expected = finding.suppression ? ['violated', 'suppressed'] : ['violated'];
                    if (!expected.includes(row.status)) problems.push(`${workflow.name}: ${id} is ${row.status}, but check reports ${describeFinding(finding)}${finding.suppression ? ' (suppressed)' : ''}`);
                    if (row.status === 'violated' && !finding.suppression && !row.findings.some((f) => f.code === finding.code && f.line === finding.range.start.line + 1)) {
                        problems.push(`${workflow.name}: ${id} is violated but does not list ${describeFinding(finding)}`);
                    }
                }
            }
        }
    }
    // What no workflow reaches is listed apart, and nothing a workflow reaches is.
    const outside = new Set(report.outside.map((o) => `${o.path}:${o.line}:${o.code}:${o.message}`));
    for (const finding of findings) {
        if ((requirementsOf.get(finding.code) ?? []).length === 0) continue;
        const key = `${finding.uri}:${finding.range.start.line + 1}:${finding.code}:${finding.message}`;
        if (!attributed.has(finding) && !outside.has(key)) problems.push(`outside every workflow but not listed: ${describeFinding(finding)}`);
        if (attributed.has(finding) && outside.has(key)) problems.push(`listed as outside every workflow, but a workflow uses it: ${describeFinding(finding)}`);
    }
    return problems;
}

async function workspace(files: readonly string[], today?: string): Promise<LangiumDocument[]> {
    const services = createHitlCoreServices({ ...NodeFileSystem, now: () => new Date() });
    if (today) services.Hitl.governance.Clock.fix(new Date(`${today}T00:00:00Z`));
    const { documents } = await checkFiles(services.shared, { files: files.map((file) => URI.file(file)), display: (uri) => uri.fsPath });
    return documents;
}

const SAMPLES = readdirSync('samples').filter((file) => file.endsWith('.hitl')).sort().map((file) => path.resolve('samples', file));

describe('the compliance report agrees with check', () => {
    test.each(fixtureCases().map((c) => [c.name, c.files] as const))('%s', async (_name, files) => {
        expect(disagreements(await workspace(files))).toEqual([]);
    });

    // Today the samples are clean; years from now their reviews and suppressions have expired.
    test.each([undefined, '2031-06-30'])('the samples, checked on %s', async (today) => {
        const documents = await workspace(SAMPLES, today);
        if (today) expect(documents.some((d) => (d.diagnostics ?? []).some((x) => x.code === 'risk/review-expired'))).toBe(true);
        expect(disagreements(documents)).toEqual([]);
    });
});
