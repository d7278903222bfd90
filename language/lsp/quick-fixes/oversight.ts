import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver-types';
import { isAiStep, isGate, isRole, isTeam, isWorkflow, type Workflow } from '../../generated/ast.js';
import { missingGateActions } from '../../analysis/gate-actions.js';
import { missingShownItems, REQUIRED_SHOWN_ITEMS } from '../../analysis/reviewer-context.js';
import { appendToBlock, enclosing, quickFix, type QuickFixContext, type QuickFixes } from './quick-fix.js';

/** Quick fixes for the oversight rules, by diagnostic code. */
export const oversightFixes: QuickFixes = {
    'oversight/gate-actions': (context) => {
        const gate = enclosing(context, isGate);
        if (!gate) return undefined;
        if (gate.allows.length === 0) return fixWith(context, 'Add \'allows approve, override, reject\'', insertBeforeBody(context.document, gate, ['allows approve, override, reject']));
        const missing = missingGateActions(gate.allows);
        return fixWith(context, `Also allow ${missing.join(' and ')}`, extendList(context.document, gate, 'allows', missing));
    },
    'oversight/reviewer-context': (context) => {
        const gate = enclosing(context, isGate);
        if (!gate) return undefined;
        if (gate.shows.length === 0) return fixWith(context, `Show ${REQUIRED_SHOWN_ITEMS.join(', ')}`, insertBeforeBody(context.document, gate, [`shows ${REQUIRED_SHOWN_ITEMS.join(', ')}`]));
        const missing = missingShownItems(gate.shows);
        return fixWith(context, `Also show ${missing.join(', ')}`, extendList(context.document, gate, 'shows', missing));
    },
    'oversight/rationale-required': (context) => {
        const gate = enclosing(context, isGate);
        return gate && fixWith(context, "Add 'rationale required'", insertBeforeBody(context.document, gate, ['rationale required']));
    },
    'oversight/no-preselection': (context) => {
        const gate = enclosing(context, isGate);
        return gate && fixWith(context, "Add 'no preselection'", insertBeforeBody(context.document, gate, ['no preselection']));
    },
    'oversight/explanation-required': (context) => {
        const step = enclosing(context, isAiStep);
        return step && fixWith(context, "Add 'explanation required'", insertBeforeBody(context.document, step, ['explanation required']));
    },
    'oversight/stop-control': (context) => {
        const workflow = enclosing(context, isWorkflow);
        const owner = humanOwnerOf(workflow);
        if (!workflow) return undefined;
        const stop = workflow.stop;
        if (!stop) {
            if (!owner) return undefined;
            return fixWith(context, `Add a stop control owned by ${owner} (safe state: hold)`, appendToBlock(context.document, workflow, ['', 'stop {', `    owner ${owner}`, '    safe state hold', '}']));
        }
        const lines = [stop.owners.length === 0 && owner ? `owner ${owner}` : undefined, stop.safeState ? undefined : 'safe state hold'].filter((line): line is string => line !== undefined);
        if (lines.length === 0) return undefined;
        return fixWith(context, `Complete the stop control: ${lines.join(', ')}`, appendToBlock(context.document, stop, lines));
    },
};

/** The workflow's owner when it is a person, by the name written in the file. */
export function humanOwnerOf(workflow: Workflow | undefined): string | undefined {
    const owner = workflow?.owner;
    return owner && (isRole(owner.ref) || isTeam(owner.ref)) ? owner.$refText : undefined;
}

function fixWith(context: QuickFixContext, title: string, edit: TextEdit | undefined) {
    return edit ? quickFix(context, title, [edit]) : undefined;
}

/**
 * Inserts property lines into a step before its RACI and routes (the order the samples use),
 * above any comment lines that belong to the first of those; appends when there are none.
 */
export function insertBeforeBody(document: LangiumDocument, step: AstNode & { raci?: AstNode; routes?: readonly AstNode[] }, lines: readonly string[]): TextEdit | undefined {
    const anchors = [step.raci, ...(step.routes ?? [])].flatMap((node) => (node?.$cstNode ? [node.$cstNode.offset] : []));
    if (anchors.length === 0) return appendToBlock(document, step, lines);
    const text = document.textDocument.getText();
    let lineStart = text.lastIndexOf('\n', Math.min(...anchors) - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    while (lineStart > 0) {
        const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
        if (!text.slice(previousStart, lineStart).trim().startsWith('//')) break;
        lineStart = previousStart;
    }
    const position = document.textDocument.positionAt(lineStart);
    return { range: { start: position, end: position }, newText: lines.map((line) => `${indent}${line}\n`).join('') };
}

/** Appends items to the last line of a comma-separated property list: `allows approve` → `allows approve, reject`. */
function extendList(document: LangiumDocument, node: AstNode, property: string, items: readonly string[]): TextEdit | undefined {
    const last = GrammarUtils.findNodesForProperty(node.$cstNode, property).at(-1);
    if (!last || items.length === 0) return undefined;
    const position = document.textDocument.positionAt(last.end);
    return { range: { start: position, end: position }, newText: items.map((item) => `, ${item}`).join('') };
}
