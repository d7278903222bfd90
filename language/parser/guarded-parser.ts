import { createLangiumParser, type LangiumCoreServices, type LangiumParser } from 'langium';
import { HitlParserErrorMessageProvider } from './error-messages.js';
import { malformedLiterals, unclosedTextsAsLexingErrors } from './malformed-literals.js';
import { recoverPerProperty } from './property-recovery.js';

/** Larger inputs are refused before lexing: no real workflow comes near this size. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

/** Whether a text is over the limit in UTF-8 bytes; counts only when it could be (3 bytes per unit at most). */
export function exceedsSourceLimit(text: string): boolean {
    if (text.length * 3 <= MAX_SOURCE_BYTES) return false;
    if (text.length > MAX_SOURCE_BYTES) return true;
    // ASCII (the usual text) is a byte per unit, and a native scan finds out much faster than the loop.
    if (!/[^\x00-\x7f]/.test(text)) return false;
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        // A surrogate pair is one 4-byte character: 2 bytes for each of its two units.
        bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : unit >= 0xd800 && unit <= 0xdfff ? 2 : 3;
        if (bytes > MAX_SOURCE_BYTES) return true;
    }
    return false;
}

/**
 * The parser, refusing oversized input with a diagnostic at 1:1 instead of spending
 * seconds and hundreds of megabytes on it. It recovers property by property and names
 * half-typed values. The grammar has no recursive rule, so nesting depth cannot exhaust
 * the parser's stack.
 */
export function createGuardedParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    const messages = services.parser.ParserErrorMessageProvider;
    recoverPerProperty(parser);
    const parse = parser.parse.bind(parser);
    parser.parse = ((input: string, options?: Parameters<LangiumParser['parse']>[1]) => {
        if (!exceedsSourceLimit(input)) {
            const result = parse(input, options);
            result.lexerErrors.push(...malformedLiterals(result.value.$cstNode));
            unclosedTextsAsLexingErrors(result.parserErrors, result.lexerErrors);
            if (messages instanceof HitlParserErrorMessageProvider) {
                for (const error of result.parserErrors) error.token = messages.errorToken(error.token);
            }
            return result;
        }
        const empty = parse('', options);
        empty.lexerErrors.push({
            offset: 0,
            length: 0,
            line: 1,
            column: 1,
            // No size in the message: a reader may have cut the text just past the limit.
            message: `File is larger than ${MAX_SOURCE_BYTES / (1024 * 1024)} MB; .hitl files that large are not parsed. Split it into several files.`,
        });
        return empty;
    }) as LangiumParser['parse'];
    return parser;
}
