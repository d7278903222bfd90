/**
 * Text from the file, made safe to quote in a message: whole code points only (a message
 * that splits a surrogate pair is not valid UTF-16, and breaks JSON and SARIF consumers),
 * invisible and control characters named by their code point, and long texts shortened.
 */
export function shownText(text: string, maxCodePoints = 24): string {
    const codePoints = [...text];
    const shown = codePoints.slice(0, maxCodePoints).map(shownCharacter).join('');
    return codePoints.length > maxCodePoints ? `${shown}…` : shown;
}

/** One code point as a reader can see it: itself when printable, else `U+XXXX`. */
export function shownCharacter(character: string): string {
    return isVisible(character) ? character : codePointName(character);
}

/** `U+1F600`: the code point of the first character of a text. */
export function codePointName(character: string): string {
    return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Letters, marks, numbers, punctuation, symbols and the plain space; not controls, format characters, lone surrogates or other spaces. */
function isVisible(character: string): boolean {
    return character === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(character);
}

/** The code point starting at an offset, never half of a surrogate pair. */
export function characterAt(text: string, offset: number): string {
    const codePoint = text.codePointAt(offset);
    if (codePoint === undefined) return '';
    // An offset inside a pair starts at its low half: step back to the whole character.
    if (offset > 0 && codePoint >= 0xdc00 && codePoint <= 0xdfff) {
        const previous = text.codePointAt(offset - 1)!;
        if (previous > 0xffff) return String.fromCodePoint(previous);
    }
    return String.fromCodePoint(codePoint);
}
