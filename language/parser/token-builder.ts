import { createToken, type TokenType, type TokenVocabulary } from 'chevrotain';
import { DefaultTokenBuilder, type Grammar } from 'langium';
import type { TokenBuilderOptions } from 'langium';

/**
 * A text still being typed (`"Credit und` up to the end of the line) is one token that no rule
 * accepts, tried after STRING: one error that names the missing quote, where a lone `"` would
 * leave its words to be read as names and keywords, each an error of its own.
 */
export const UNCLOSED_STRING: TokenType = createToken({ name: 'UNCLOSED_STRING', pattern: /"(\\.|[^"\\\r\n])*/ });

export class HitlTokenBuilder extends DefaultTokenBuilder {
    override buildTokens(grammar: Grammar, options?: TokenBuilderOptions): TokenVocabulary {
        const tokens = super.buildTokens(grammar, options) as TokenType[];
        const string = tokens.findIndex((token) => token.name === 'STRING');
        return [...tokens.slice(0, string + 1), UNCLOSED_STRING, ...tokens.slice(string + 1)];
    }
}
