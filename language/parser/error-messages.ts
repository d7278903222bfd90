import { GrammarAST, type Grammar } from 'langium';
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { shownText } from './shown-text.js';
import { UNCLOSED_STRING } from './token-builder.js';

/** How tokens are named in messages: a governance engineer reads "a duration", not "DURATION". */
const TOKEN_NAMES: Record<string, string> = {
    ID: 'a name',
    STRING: 'a quoted text',
    NUMBER: 'a number',
    DURATION: 'a duration such as 4h or 2d',
    DATE: 'a date such as 2027-03-31',
    EOF: 'the end of the file',
};

/** Friendly names for the blocks, as they are written. */
const RULE_NAMES: Record<string, string> = {
    HitlFile: 'the file',
    AiStep: 'an ai step',
    AiActor: 'an ai actor',
    AiModel: 'a model',
    ManualQueue: 'a queue',
    AutomatedStep: 'an automated step',
    PreDeploymentReview: 'a pre-deployment review',
    AuditSpec: 'the audit block',
    MonitoringSpec: 'the monitoring block',
    FeedbackSpec: 'the feedback block',
    IncidentRoute: 'the incident block',
    AppealSpec: 'the appeal block',
    StopControl: 'the stop block',
    AccessSpec: 'the access block',
    DriftMonitor: 'a drift monitor',
    BiasSampling: 'a bias sampling block',
    MisuseMonitor: 'a misuse monitor',
    Raci: 'a raci block',
};

function describeToken(type: TokenType): string {
    return TOKEN_NAMES[type.name] ?? `'${type.name}'`;
}

function describeActual(token: IToken): string {
    return token.tokenType.name === 'EOF' ? 'the end of the file' : `'${shownText(token.image)}'`;
}

/** A text without its closing quote is one token that no rule accepts: say so, whatever was expected. */
function unclosedText(token: IToken): string | undefined {
    return token.tokenType === UNCLOSED_STRING ? `Text ${shownText(token.image)} has no closing quote; end it with " on the same line.` : undefined;
}

/** Langium suffixes rule names with a zero-width space when handing them to Chevrotain. */
function plainRuleName(ruleName: string): string {
    return ruleName.replace(/\u200B/g, '');
}

function describeRule(chevrotainRuleName: string): string {
    const ruleName = plainRuleName(chevrotainRuleName);
    return RULE_NAMES[ruleName] ?? `${/^[AEIOU]/.test(ruleName) ? 'an' : 'a'} ${ruleName.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

/**
 * Parser messages that name what may be written where. Inside a block, "expected '}'"
 * becomes the list of properties the block accepts, taken from the grammar itself.
 */
export class HitlParserErrorMessageProvider implements IParserErrorMessageProvider {
    private readonly starts = new Map<string, string[]>();
    /** Tokens found on the line after a property whose value is missing, with that property's last token. */
    private readonly missingValues = new WeakMap<IToken, IToken>();

    constructor(private readonly grammar: Grammar) {}

    buildMismatchTokenMessage({ expected, actual, previous, ruleName }: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        const unclosed = unclosedText(actual);
        if (unclosed) return unclosed;
        if (expected.name === 'DURATION' && actual.tokenType.name === 'NUMBER') {
            return `'${actual.image}' needs a unit: ${actual.image}h, ${actual.image}d, ${actual.image}w… (ms, s, m, h, d, w, mo or y).`;
        }
        if (expected.name === 'NUMBER' && actual.tokenType.name === 'DURATION') {
            return `'${shownText(actual.image)}' is not a number; write digits only, such as 3 or 0.8.`;
        }
        if (expected.name === '}') {
            const properties = this.propertyStarts(ruleName);
            if (properties.length > 0) {
                return `${describeActual(actual)} is not allowed in ${describeRule(ruleName)}; write one of ${properties.map((p) => `'${p}'`).join(', ')}, or '}' to close the block.`;
            }
        }
        if (this.endsLine(previous, actual)) return `Expected ${describeToken(expected)} after '${previous.image}'.`;
        return `Expected ${describeToken(expected)} but found ${describeActual(actual)}.`;
    }

    /**
     * The token an error is best shown on: the property whose value is missing rather than
     * whatever starts the next line.
     */
    errorToken(actual: IToken): IToken {
        return this.missingValues.get(actual) ?? actual;
    }

    /** Whether the line ended before the value that `previous` needs; remembers it for {@link errorToken}. */
    private endsLine(previous: IToken | undefined, actual: IToken): previous is IToken {
        if (!previous || !Number.isFinite(previous.endLine) || !(actual.startLine! > previous.endLine!)) return false;
        this.missingValues.set(actual, previous);
        return true;
    }

    buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: IToken; ruleName: string }): string {
        const unclosed = unclosedText(firstRedundant);
        if (unclosed) return unclosed;
        const declarations = this.propertyStarts('HitlFile');
        return `Unexpected ${describeActual(firstRedundant)}; a file holds declarations: ${declarations.map((d) => `'${d}'`).join(', ')}.`;
    }

    buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous, ruleName }: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        const unclosed = unclosedText(actual[0]);
        if (unclosed) return unclosed;
        const expected = unique(expectedPathsPerAlt.flatMap((alternative) => alternative.map((path) => path.map(describeToken).join(' '))));
        if (this.endsLine(previous, actual[0])) return `Expected ${listOf(expected)} after '${previous.image}' in ${describeRule(ruleName)}.`;
        return `Expected ${listOf(expected)} in ${describeRule(ruleName)}, but found ${describeActual(actual[0])}.`;
    }

    buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        const expected = unique(expectedIterationPaths.map((path) => path.map(describeToken).join(' ')));
        return `Expected at least one of ${listOf(expected)} in ${describeRule(ruleName)}, but found ${describeActual(actual[0])}.`;
    }

    /** The keywords that open each property of a block rule: `confidence threshold`, `raci`, `on`… */
    private propertyStarts(chevrotainRuleName: string): string[] {
        const ruleName = plainRuleName(chevrotainRuleName);
        let starts = this.starts.get(ruleName);
        if (!starts) {
            const rule = this.grammar.rules.find((r) => r.name === ruleName);
            const loop = rule && GrammarAST.isParserRule(rule) ? findLoop(rule.definition) : undefined;
            starts = loop ? unique(loop.elements.flatMap((element) => leadingWords(element, new Set()))) : [];
            this.starts.set(ruleName, starts);
        }
        return starts;
    }
}

function findLoop(element: GrammarAST.AbstractElement): GrammarAST.Alternatives | undefined {
    if (GrammarAST.isAlternatives(element) && (element.cardinality === '*' || element.cardinality === '+')) return element;
    if (GrammarAST.isGroup(element)) {
        for (const child of element.elements) {
            const loop = findLoop(child);
            if (loop) return loop;
        }
    }
    return undefined;
}

/** The words an element starts with: keywords in sequence, or the starts of the rule it calls. */
function leadingWords(element: GrammarAST.AbstractElement, visiting: Set<GrammarAST.AbstractRule>): string[] {
    if (GrammarAST.isKeyword(element)) return [element.value];
    if (GrammarAST.isGroup(element)) {
        const words: string[] = [];
        for (const child of element.elements) {
            const keyword = GrammarAST.isAssignment(child) ? child.terminal : child;
            if (!GrammarAST.isKeyword(keyword) || !/^[a-z][a-z-]*$/.test(keyword.value)) break;
            words.push(keyword.value);
        }
        return words.length > 0 ? [words.join(' ')] : element.elements.length > 0 ? leadingWords(element.elements[0], visiting) : [];
    }
    if (GrammarAST.isAssignment(element)) return leadingWords(element.terminal, visiting);
    if (GrammarAST.isAlternatives(element)) return element.elements.flatMap((child) => leadingWords(child, visiting));
    if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        if (!rule || !GrammarAST.isParserRule(rule) || visiting.has(rule)) return [];
        visiting.add(rule);
        return leadingWords(rule.definition, visiting);
    }
    return [];
}

function unique(values: string[]): string[] {
    return [...new Set(values)];
}

function listOf(values: string[]): string {
    if (values.length <= 1) return values.join('');
    const shown = values.slice(0, 12);
    const rest = values.length > shown.length ? `, … (${values.length - shown.length} more)` : '';
    return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}${rest}`;
}
