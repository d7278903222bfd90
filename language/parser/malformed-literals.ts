import type { ILexingError, IRecognitionException, IToken } from 'chevrotain';
import { isCompositeCstNode, isLeafCstNode, type CstNode, type LeafCstNode } from 'langium';
import { UNCLOSED_STRING } from './token-builder.js';
import { parseDuration } from '../util/quantities.js';
import { shownText } from './shown-text.js';

/**
 * The grammar lexes a half-typed duration as one token (`8hou`) so that it costs one error;
 * this names what is wrong with each such token, as a lexing error at the token.
 */
export function malformedLiterals(root: CstNode | undefined): ILexingError[] {
    const errors: ILexingError[] = [];
    if (!root) return errors;
    // In document order, as CstUtils.streamCst gives them, by a plain walk: this runs on every parse (each keystroke), and the stream's iterators cost more than the check.
    const pending: CstNode[] = [root];
    while (pending.length > 0) {
        const node = pending.pop()!;
        if (isCompositeCstNode(node)) {
            for (let i = node.content.length - 1; i >= 0; i--) pending.push(node.content[i]);
            continue;
        }
        if (!isLeafCstNode(node)) continue;
        const message = problemWith(node);
        if (message) {
            errors.push({ offset: node.offset, length: node.length, line: node.range.start.line + 1, column: node.range.start.character + 1, message });
        }
    }
    return errors;
}

function problemWith(leaf: LeafCstNode): string | undefined {
    if (leaf.tokenType.name !== 'DURATION' || parseDuration(leaf.text) !== undefined) return undefined;
    const amount = /^\d+/.exec(leaf.text)![0];
    return `'${shownText(leaf.text)}' is not a duration; write a whole number and one unit: ms, s, m, h, d, w, mo or y (such as ${amount}h or ${amount}d).`;
}

/**
 * A text without its closing quote is a lexing problem (`syntax/invalid-token`, where the text
 * starts) even though it surfaces as the parser's error on that token: moves those errors over.
 */
export function unclosedTextsAsLexingErrors(parserErrors: IRecognitionException[], lexerErrors: ILexingError[]): void {
    for (let i = parserErrors.length - 1; i >= 0; i--) {
        const { token, message } = parserErrors[i];
        if (token.tokenType !== UNCLOSED_STRING) continue;
        parserErrors.splice(i, 1);
        if (!lexerErrors.some((error) => error.offset === token.startOffset)) lexerErrors.push(lexingErrorAt(token, message));
    }
}

function lexingErrorAt(token: IToken, message: string): ILexingError {
    return { offset: token.startOffset, length: token.image.length, line: token.startLine!, column: token.startColumn!, message };
}
