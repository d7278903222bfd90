import { defaultLexerErrorProvider, type ILexerErrorMessageProvider, type IToken } from 'chevrotain';
import { characterAt, codePointName, shownCharacter } from './shown-text.js';

/** What a character that the language has no use for was probably meant to be. */
const HINTS = new Map<string, string>([
    [';', 'a .hitl file has no semicolons; put each property on its own line'],
    [':', "a property is its keyword and its value with nothing between, such as 'sla 8h'"],
    ['=', "a property is its keyword and its value with nothing between, such as 'sla 8h'; comparisons are written ==, <=, >="],
    ["'", 'quote texts with double quotes, such as "Credit underwriter"'],
    ['`', 'quote texts with double quotes, such as "Credit underwriter"'],
    ['#', 'comments start with //'],
    ['-', "a dash belongs in '->', in a date such as 2027-03-31 or in a keyword such as four-eyes"],
    ['[', 'lists are written with commas, without brackets: reviewer Underwriter, SeniorUnderwriter'],
    [']', 'lists are written with commas, without brackets: reviewer Underwriter, SeniorUnderwriter'],
    ['(', 'the language has no parentheses'],
    [')', 'the language has no parentheses'],
]);

/**
 * Lexer messages in plain words, with the character shown safely: whole code points (an
 * emoji is never split into a lone surrogate), invisible characters by their code point.
 */
export class HitlLexerErrorMessageProvider implements ILexerErrorMessageProvider {
    buildUnexpectedCharactersMessage(fullText: string, startOffset: number): string {
        const character = characterAt(fullText, startOffset);
        const shown = shownCharacter(character);
        const hint = HINTS.get(character);
        if (hint) return `Unexpected character '${shown}': ${hint}.`;
        if (shown !== character) return `Unexpected invisible character ${shown}; delete it (it often comes with copied text).`;
        return `Unexpected character '${shown}' (${codePointName(character)}): names are letters, digits and underscores; other text goes in double quotes.`;
    }

    buildUnableToPopLexerModeMessage(token: IToken): string {
        // The lexer has a single mode; kept for the interface.
        return defaultLexerErrorProvider.buildUnableToPopLexerModeMessage(token);
    }
}
