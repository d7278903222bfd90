import { DefaultValueConverter, ValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/**
 * Langium's value converter, with strings cut out of the token in one piece. Langium builds a
 * string value one character at a time, which leaves every description and title in the tree as
 * a chain of one-character pieces: slower, and several times the memory of the text itself.
 */
export class HitlValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        return rule.name.toUpperCase() === 'STRING' ? convertString(input) : super.runConverter(rule, input, cstNode);
    }
}

/** `ValueConverter.convertString`'s result (quotes dropped, escapes resolved), built from slices. */
export function convertString(input: string): string {
    if (input.length < 2) return '';
    if (!input.includes('\\')) return input.substring(1, input.length - 1);
    const parts: string[] = [];
    let from = 1;
    for (let i = 1; i < input.length - 1; i++) {
        if (input[i] !== '\\') continue;
        parts.push(input.substring(from, i), ValueConverter.convertString(`"${input.slice(i, i + 2)}"`));
        i++;
        from = i + 1;
    }
    if (from < input.length - 1) parts.push(input.substring(from, input.length - 1));
    return parts.join('');
}
