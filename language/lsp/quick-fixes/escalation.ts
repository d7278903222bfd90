import { GrammarUtils, type CstNode, type LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver-types';
import { isEscalationLevel, isEventRoute, isGate, isTimeoutAction, type Escalation } from '../../generated/ast.js';
import { failClosedAction, suggestedEscalation } from '../../analysis/timeouts.js';
import { insertBeforeBody } from './oversight.js';
import { appendToBlock, enclosing, quickFix, type QuickFixContext, type QuickFixes } from './quick-fix.js';

/** Quick fixes for the escalation rules, by diagnostic code. */
export const escalationFixes: QuickFixes = {
    'escalation/timeout-required': (context) => {
        const gate = enclosing(context, isGate);
        if (!gate) return undefined;
        const hasAction = gate.routes.some((r) => isEventRoute(r) && r.event === 'timeout') || gate.escalations.some((e) => e.triggers.includes('timeout'));
        const edits: Array<TextEdit | undefined> = [];
        const parts: string[] = [];
        if (!gate.sla) {
            edits.push(insertBeforeBody(context.document, gate, ['sla 1d']));
            parts.push("'sla 1d'");
        }
        if (!hasAction) {
            const action = `on timeout ${failClosedAction(gate)}`;
            edits.push(appendToBlock(context.document, gate, [action]));
            parts.push(`'${action}'`);
        }
        return fixWith(context, `Add ${parts.join(' and ')} (fail closed)`, edits);
    },
    'escalation/fail-closed': (context) => {
        const node = context.node;
        if (isTimeoutAction(node) && node.$cstNode) {
            return fixWith(context, `Replace '${node.kind}' with 'deny' (fail closed)`, [{ range: node.$cstNode.range, newText: 'deny' }]);
        }
        const route = isEventRoute(node) ? node : undefined;
        if (route?.event === 'timeout' && route.$cstNode) {
            return fixWith(context, "Replace the route with 'on timeout deny' (fail closed)", [{ range: route.$cstNode.range, newText: 'on timeout deny' }]);
        }
        return undefined;
    },
    'escalation/disagreement-route': (context) => {
        const gate = enclosing(context, isGate);
        const escalation = gate && suggestedEscalation(gate);
        if (!gate || !escalation) return undefined;
        const line = `escalate on disagreement to ${escalation.name}`;
        return fixWith(context, `Add '${line}'`, [insertBeforeBody(context.document, gate, [line])]);
    },
    'escalation/target-reachable': (context) => {
        const node = context.node;
        if (isTimeoutAction(node) && !node.target) {
            const gate = enclosing(context, isGate);
            const escalation = gate && suggestedEscalation(gate);
            if (!escalation || !node.$cstNode) return undefined;
            return fixWith(context, `Escalate to ${escalation.name}`, [insertAfter(node.$cstNode, ` to ${escalation.name}`)]);
        }
        const level = isEscalationLevel(node) ? node : undefined;
        const escalation = level?.$container as Escalation | undefined;
        const channel = escalation?.levels.find((l) => l.channel?.ref)?.channel?.$refText;
        const target = level && GrammarUtils.findNodeForProperty(level.$cstNode, 'target');
        if (!channel || !target) return undefined;
        return fixWith(context, `Reach ${level.target.$refText} via ${channel}`, [insertAfter(target, ` via ${channel}`)]);
    },
};

export function fixWith(context: QuickFixContext, title: string, edits: ReadonlyArray<TextEdit | undefined>) {
    if (edits.length === 0 || edits.some((edit) => edit === undefined)) return undefined;
    return quickFix(context, title, edits as TextEdit[]);
}

export function insertAfter(cst: CstNode, text: string): TextEdit {
    const position = cst.range.end;
    return { range: { start: position, end: position }, newText: text };
}

/** Inserts whole lines after the line a node ends on, indented like the line it starts on. */
export function insertLinesAfter(document: LangiumDocument, cst: CstNode, lines: readonly string[]): TextEdit {
    const text = document.textDocument.getText();
    const start = text.lastIndexOf('\n', cst.offset - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(start))![0];
    const newline = text.indexOf('\n', cst.end);
    const at = newline < 0 ? text.length : newline + 1;
    const position = document.textDocument.positionAt(at);
    return { range: { start: position, end: position }, newText: lines.map((line) => `${indent}${line}\n`).join('') };
}

/** Inserts whole lines before the line a node starts on, with its indentation. */
export function insertLinesBefore(document: LangiumDocument, cst: CstNode, lines: readonly string[]): TextEdit {
    const text = document.textDocument.getText();
    const start = text.lastIndexOf('\n', cst.offset - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(start))![0];
    const position = document.textDocument.positionAt(start);
    return { range: { start: position, end: position }, newText: lines.map((line) => `${indent}${line}\n`).join('') };
}
