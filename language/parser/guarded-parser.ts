import { createLangiumParser, type LangiumCoreServices, type LangiumParser } from 'langium';

/** Larger inputs are refused before lexing: no real workflow comes near this size. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

/**
 * The parser, refusing oversized input with a diagnostic at 1:1 instead of spending
 * seconds and hundreds of megabytes on it. The grammar has no recursive rule, so
 * nesting depth cannot exhaust the parser's stack.
 */
export function createGuardedParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    const parse = parser.parse.bind(parser);
    parser.parse = ((input: string, options?: Parameters<LangiumParser['parse']>[1]) => {
        if (input.length <= MAX_SOURCE_BYTES) {
            return parse(input, options);
        }
        const empty = parse('', options);
        const megabytes = (input.length / (1024 * 1024)).toFixed(1);
        empty.lexerErrors.push({
            offset: 0,
            length: 0,
            line: 1,
            column: 1,
            message: `File is ${megabytes} MB; .hitl files larger than ${MAX_SOURCE_BYTES / (1024 * 1024)} MB are not parsed. Split it into several files.`,
        });
        return empty;
    }) as LangiumParser['parse'];
    return parser;
}
