import { AstUtils, GrammarAST, GrammarUtils, type Grammar } from 'langium';

/** What the grammar accepts as a name: its ID terminal, and the keywords that cannot be one. */
export interface NameRules {
    isIdentifier(text: string): boolean;
    isKeyword(text: string): boolean;
}

const cache = new WeakMap<Grammar, NameRules>();

export function nameRules(grammar: Grammar): NameRules {
    let rules = cache.get(grammar);
    if (!rules) {
        const id = grammar.rules.find((rule): rule is GrammarAST.TerminalRule => GrammarAST.isTerminalRule(rule) && rule.name === 'ID');
        const pattern = id ? GrammarUtils.terminalRegex(id) : /[_a-zA-Z]\w*/;
        const whole = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ''));
        const keywords = new Set(AstUtils.streamAllContents(grammar).filter(GrammarAST.isKeyword).map((keyword) => keyword.value));
        rules = { isIdentifier: (text) => whole.test(text), isKeyword: (text) => keywords.has(text) };
        cache.set(grammar, rules);
    }
    return rules;
}
