import { EOF, isRecognitionException, type DSLMethodOpts, type IToken } from 'chevrotain';
import type { LangiumParser } from 'langium';

/** Chevrotain's offset for a `MANY`'s lookahead function in a rule's table (chevrotain/src/parse/grammar/keys.ts). */
const MANY_KEY = 3 << 8;

/** The parts of Langium's Chevrotain wrapper that property recovery uses. */
interface ChevrotainWrapper {
    wrapMany(idx: number, loop: DSLMethodOpts<unknown>): void;
    currRuleLookaheadFuncs: Array<(() => boolean) | undefined>;
    LA(offset: number): IToken;
    SKIP_TOKEN(): IToken;
    exportLexerState(): number;
    importLexerState(state: number): void;
    isBackTracking(): boolean;
}

/**
 * Makes one broken property cost one syntax error. Chevrotain recovers at rule boundaries:
 * when a value written directly in a block (`sla 8`, `version "4.2`) fails, the whole block
 * rule fails, its remaining properties are read as if they belonged to the enclosing block
 * and every later line reports an error. Here each iteration of a block's `'{' ( … )* '}'`
 * loop is guarded instead: on a recognition error the tokens up to the next property of the
 * same block (or its closing brace) are skipped and the loop goes on. The error itself was
 * already recorded when it was raised.
 */
export function recoverPerProperty(parser: LangiumParser): void {
    const wrapper = (parser as unknown as { wrapper: ChevrotainWrapper }).wrapper;
    const many = wrapper.wrapMany.bind(wrapper);
    wrapper.wrapMany = (idx, loop) => {
        // Only block bodies: list loops such as `(',' reviewers+=…)*` end at the next property.
        if (wrapper.LA(0).tokenType?.name !== '{') return many(idx, loop);
        many(idx, {
            ...loop,
            DEF: () => {
                try {
                    loop.DEF.call(wrapper);
                } catch (error) {
                    if (!isRecognitionException(error as Error) || wrapper.isBackTracking() || !skipToNextProperty(wrapper, idx)) throw error;
                }
            },
        });
    };
}

/** Skips to a token that starts another iteration of the loop or closes its block; restores the position when there is none. */
function skipToNextProperty(wrapper: ChevrotainWrapper, idx: number): boolean {
    const startsIteration = wrapper.currRuleLookaheadFuncs[MANY_KEY | idx];
    if (!startsIteration) return false;
    const start = wrapper.exportLexerState();
    let depth = 0;
    for (let next = wrapper.LA(1); next.tokenType !== EOF; next = wrapper.LA(1)) {
        const name = next.tokenType.name;
        if (depth === 0 && (name === '}' || startsIteration.call(wrapper))) return true;
        if (name === '{') depth++;
        if (name === '}') depth--;
        wrapper.SKIP_TOKEN();
    }
    wrapper.importLexerState(start);
    return false;
}
