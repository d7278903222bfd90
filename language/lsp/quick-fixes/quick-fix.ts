import { AstUtils, CstUtils, isLeafCstNode, type AstNode, type LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { CodeActionKind } from 'vscode-languageserver-types';
import type { HitlServices } from '../../hitl-module.js';

export interface QuickFixContext {
    readonly document: LangiumDocument;
    readonly diagnostic: Diagnostic;
    /** The innermost element at the start of the diagnostic. */
    readonly node: AstNode;
    readonly services: HitlServices;
}

/** A quick fix for one diagnostic code: the edits that remove the finding (or several ways to), or nothing when it cannot. */
export type QuickFix = (context: QuickFixContext) => CodeAction | readonly CodeAction[] | undefined;

export type QuickFixes = Readonly<Record<string, QuickFix>>;

export function quickFix(context: QuickFixContext, title: string, edits: TextEdit[]): CodeAction {
    return {
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [context.diagnostic],
        isPreferred: true,
        edit: { changes: { [context.document.uri.toString()]: edits } },
    };
}

/** The closest element of the given kind around the diagnostic. */
export function enclosing<T extends AstNode>(context: QuickFixContext, is: (node: unknown) => node is T): T | undefined {
    return AstUtils.getContainerOfType(context.node, is);
}

/**
 * Inserts lines at the end of a block (before its closing brace), indented one level deeper
 * than the line the block starts on, so the result is already formatted.
 */
export function appendToBlock(document: LangiumDocument, node: AstNode, lines: readonly string[]): TextEdit | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    const leaves = [...CstUtils.streamCst(cst)].filter(isLeafCstNode);
    const close = [...leaves].reverse().find((leaf) => leaf.text === '}' && !leaf.hidden);
    if (!close) return undefined;
    const text = document.textDocument.getText();
    const blockIndent = indentOfLine(text, cst.offset);
    const inner = `${blockIndent}    `;
    const body = lines.map((line) => (line === '' ? '' : `${inner}${line}`)).join('\n');
    const lineStart = text.lastIndexOf('\n', close.offset - 1) + 1;
    const closeOnOwnLine = text.slice(lineStart, close.offset).trim() === '';
    if (closeOnOwnLine) {
        const position = document.textDocument.positionAt(lineStart);
        return { range: { start: position, end: position }, newText: `${body}\n` };
    }
    // `{ }` on one line: open it up.
    const open = leaves.find((leaf) => leaf.text === '{' && !leaf.hidden)!;
    return {
        range: { start: document.textDocument.positionAt(open.end), end: document.textDocument.positionAt(close.offset) },
        newText: `\n${body}\n${blockIndent}`,
    };
}

function indentOfLine(text: string, offset: number): string {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return /^[ \t]*/.exec(text.slice(lineStart))![0];
}
