import {
    CstUtils,
    GrammarAST,
    isCompositeCstNode,
    isLeafCstNode,
    type AstNode,
    type CstNode,
    type LangiumDocument,
    type LeafCstNode,
    type MaybePromise,
} from 'langium';
import type { Formatter } from 'langium/lsp';
import type {
    DocumentFormattingParams,
    DocumentOnTypeFormattingOptions,
    DocumentOnTypeFormattingParams,
    DocumentRangeFormattingParams,
    FormattingOptions,
    Range,
    TextEdit,
} from 'vscode-languageserver-protocol';

const INDENT = '    ';

/**
 * Formats .hitl text the way the samples are written: one property or step per line, blocks
 * indented four spaces, single spaces between words, at most one blank line, the author's
 * own line breaks inside long lists kept as continuation lines. Works on tokens, so comments
 * stay where they are; formatting formatted text changes nothing. Files with syntax errors
 * are left alone rather than guessed at.
 */
export class HitlFormatter implements Formatter {
    formatDocument(document: LangiumDocument, params: DocumentFormattingParams): MaybePromise<TextEdit[]> {
        return formatEdits(document, params.options);
    }

    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): MaybePromise<TextEdit[]> {
        return formatEdits(document, params.options).filter((edit) => within(edit.range, params.range));
    }

    formatDocumentOnType(document: LangiumDocument, params: DocumentOnTypeFormattingParams): MaybePromise<TextEdit[]> {
        // After a closing brace, re-indent that line only.
        const line = params.position.line;
        return formatEdits(document, params.options).filter((edit) => edit.range.end.line === line && edit.range.start.line >= line - 1);
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions {
        return { firstTriggerCharacter: '}' };
    }
}

function within(inner: Range, outer: Range): boolean {
    const afterStart = inner.start.line > outer.start.line || (inner.start.line === outer.start.line && inner.start.character >= outer.start.character);
    const beforeEnd = inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character);
    return afterStart && beforeEnd;
}

/** The formatted text of a document, or undefined when it has syntax errors. */
export function formatText(document: LangiumDocument): string | undefined {
    const text = document.textDocument.getText();
    const edits = formatEditsOrUndefined(document);
    if (!edits) return undefined;
    let result = '';
    let cursor = 0;
    for (const edit of edits) {
        const start = document.textDocument.offsetAt(edit.range.start);
        const end = document.textDocument.offsetAt(edit.range.end);
        result += text.slice(cursor, start) + edit.newText;
        cursor = end;
    }
    return result + text.slice(cursor);
}

/** Wider indents than this are typos or attacks (a tab size of a million made a 459 MB edit). */
export const MAX_TAB_SIZE = 16;

function formatEdits(document: LangiumDocument, options: FormattingOptions): TextEdit[] {
    return formatEditsOrUndefined(document, indentUnit(options)) ?? [];
}

/** One indent level as the client asks for it: wide tab sizes are clamped, nonsense ones (0, -3, 2.5, "4") mean the default. */
function indentUnit({ tabSize, insertSpaces }: FormattingOptions): string {
    if (insertSpaces === false) return '\t';
    return Number.isInteger(tabSize) && tabSize >= 1 ? ' '.repeat(Math.min(tabSize, MAX_TAB_SIZE)) : INDENT;
}

function formatEditsOrUndefined(document: LangiumDocument, indent = INDENT): TextEdit[] | undefined {
    const { parseResult, textDocument } = document;
    if (parseResult.lexerErrors.length > 0 || parseResult.parserErrors.length > 0) return undefined;
    const root = parseResult.value.$cstNode;
    if (!root) return undefined;
    const text = textDocument.getText();
    const leaves = [...CstUtils.streamCst(root)].filter((node): node is LeafCstNode => isLeafCstNode(node) && node.length > 0);
    const edits: TextEdit[] = [];
    const replace = (start: number, end: number, newText: string) => {
        if (text.slice(start, end) !== newText) {
            edits.push({ range: { start: textDocument.positionAt(start), end: textDocument.positionAt(end) }, newText });
        }
    };

    let depth = 0;
    let previous: LeafCstNode | undefined;
    for (const leaf of leaves) {
        if (leaf.text === '}' && !leaf.hidden) depth = Math.max(0, depth - 1);
        if (!previous) {
            replace(0, leaf.offset, '');
        } else {
            const gap = text.slice(previous.end, leaf.offset);
            replace(previous.end, leaf.offset, whitespaceBetween(previous, leaf, gap, depth, indent));
        }
        if (leaf.text === '{' && !leaf.hidden) depth++;
        previous = leaf;
    }
    if (previous) replace(previous.end, text.length, '\n');
    else replace(0, text.length, '');
    return edits;
}

function whitespaceBetween(previous: LeafCstNode, next: LeafCstNode, gap: string, depth: number, indent: string): string {
    const originalBreaks = (gap.match(/\n/g) ?? []).length;
    const newline = (blankAllowed: boolean, level = depth) => (blankAllowed && originalBreaks >= 2 ? '\n\n' : '\n') + indent.repeat(level);
    const isOpen = previous.text === '{' && !previous.hidden;
    const isClose = next.text === '}' && !next.hidden;

    if (isOpen && isClose) return ' ';
    if (isOpen) return newline(false);
    if (isClose) return newline(false);
    if (previous.tokenType.name === 'SL_COMMENT') return newline(true);
    if (next.hidden) {
        // A comment stays on its line, or on a line of its own.
        return originalBreaks > 0 ? newline(true) : ' ';
    }
    if (startsItem(next)) return newline(true);
    if (previous.hidden) return originalBreaks > 0 ? newline(true) : ' ';
    if (originalBreaks > 0) return newline(false, depth + 1);
    return tight(previous, next) ? '' : ' ';
}

/** Tokens written without a space: `a, b`, `85%`, `Dataset.field`, `(a or b)`. */
function tight(previous: LeafCstNode, next: LeafCstNode): boolean {
    return next.text === ',' || next.text === '%' || next.text === '.' || previous.text === '.' || previous.text === '(' || next.text === ')';
}

const itemStarts = new WeakMap<CstNode, boolean>();

/**
 * True for the first token of a property, step or declaration: the grammar element it was
 * parsed with opens an alternative of a block's repeated `( … | … )*` group.
 */
export function startsItem(leaf: LeafCstNode): boolean {
    const cached = itemStarts.get(leaf);
    if (cached !== undefined) return cached;
    let result = false;
    // Walk up from the token through the nodes it is the first token of.
    let node: CstNode | undefined = leaf;
    while (node && !result) {
        result = opensLoopAlternative(node.grammarSource);
        const parent: CstNode | undefined = node.container;
        if (!isCompositeCstNode(parent) || parent.content[0] !== node) break;
        node = parent;
    }
    itemStarts.set(leaf, result);
    return result;
}

function opensLoopAlternative(element: AstNode | undefined): boolean {
    let current = element;
    while (current) {
        const container: AstNode | undefined = current.$container;
        if (!container) return false;
        if (GrammarAST.isAlternatives(container)) {
            return container.cardinality === '*' || container.cardinality === '+';
        }
        if (GrammarAST.isGroup(container) || GrammarAST.isAssignment(container) || GrammarAST.isCrossReference(container)) {
            if (GrammarAST.isGroup(container) && container.elements[0] !== current) return false;
            if (GrammarAST.isGroup(container) && container.cardinality && container.cardinality !== '?') return false;
            current = container;
            continue;
        }
        return false;
    }
    return false;
}
