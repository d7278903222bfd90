import { CstUtils, GrammarUtils, isLeafCstNode, type AstNode, type LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver-types';
import { isAiActor, isDecision, isWorkflow } from '../../generated/ast.js';
import { isHighRisk } from '../../analysis/governance.js';
import { fixWith, insertAfter, insertLinesAfter } from './escalation.js';
import { humanOwnerOf, insertBeforeBody } from './oversight.js';
import { appendToBlock, enclosing, type QuickFixes } from './quick-fix.js';

/** Quick fixes for the risk rules, by diagnostic code. */
export const riskFixes: QuickFixes = {
    // The conservative default: a grade can be lowered after assessment, never silently raised.
    'risk/grade-required': (context) => {
        const decision = enclosing(context, isDecision);
        if (!decision || decision.risk) return undefined;
        return fixWith(context, "Grade it 'risk high' (conservative; lower it when the assessment allows)", [insertBeforeBody(context.document, decision, ['risk high'])]);
    },
    'risk/residual-risk': (context) => {
        const decision = enclosing(context, isDecision);
        const owner = humanOwnerOf(enclosing(context, isWorkflow));
        if (!decision || !owner || !isHighRisk(decision.risk)) return undefined;
        if (!decision.residualRisk) {
            const line = `residual risk ${decision.risk} accepted by ${owner}`;
            const risk = GrammarUtils.findNodeForProperty(decision.$cstNode, 'risk');
            const edit = risk ? insertLinesAfter(context.document, risk, [line]) : insertBeforeBody(context.document, decision, [line]);
            return fixWith(context, `Add '${line}'`, [edit]);
        }
        if (!decision.residualAcceptedBy) {
            const grade = GrammarUtils.findNodeForProperty(decision.$cstNode, 'residualRisk');
            return grade && fixWith(context, `Have ${owner} accept the residual risk`, [insertAfter(grade, ` accepted by ${owner}`)]);
        }
        if (isAiActor(decision.residualAcceptedBy.ref)) {
            const party = GrammarUtils.findNodeForProperty(decision.$cstNode, 'residualAcceptedBy');
            return party && fixWith(context, `Have ${owner} accept the residual risk instead`, [{ range: party.range, newText: owner }]);
        }
        return undefined;
    },
    'risk/stage-required': (context) => {
        const workflow = enclosing(context, isWorkflow);
        if (!workflow || workflow.stage || !workflow.$cstNode) return undefined;
        const anchor =
            GrammarUtils.findNodeForProperty(workflow.$cstNode, 'changeApprover') ??
            GrammarUtils.findNodeForProperty(workflow.$cstNode, 'owner') ??
            GrammarUtils.findNodeForProperty(workflow.$cstNode, 'version');
        const edit = anchor ? insertLinesAfter(context.document, anchor, ['stage assist']) : insertAtBlockStart(context.document, workflow, ['stage assist']);
        return fixWith(context, "Declare 'stage assist' (people decide with the AI's help)", [edit]);
    },
    'risk/high-risk-automated': (context) => {
        const decision = enclosing(context, isDecision);
        if (!decision) return undefined;
        if (decision.stage === 'automate') {
            const stage = GrammarUtils.findNodeForProperty(decision.$cstNode, 'stage');
            return stage && fixWith(context, "Move the decision to 'stage assist'", [{ range: stage.range, newText: 'assist' }]);
        }
        return fixWith(context, "Keep the decision in 'stage assist'", [insertBeforeBody(context.document, decision, ['stage assist'])]);
    },
};

/** After the line that opens a block, when the brace ends its line; else at the block's end. */
function insertAtBlockStart(document: LangiumDocument, node: AstNode, lines: readonly string[]): TextEdit | undefined {
    const cst = node.$cstNode;
    const open = cst && [...CstUtils.streamCst(cst)].find((leaf) => isLeafCstNode(leaf) && !leaf.hidden && leaf.text === '{');
    const text = document.textDocument.getText();
    if (open && /^[ \t]*(\r?\n)/.test(text.slice(open.end))) return insertLinesAfter(document, open, lines.map((line) => `    ${line}`));
    return appendToBlock(document, node, lines);
}
