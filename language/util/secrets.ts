/**
 * Secret-looking text: well-known key formats, credentials after a credential-ish keyword, and
 * long random tokens. Used both to flag secrets in .hitl files (security/inline-secret) and to
 * redact them from every message the product prints.
 */

/** A secret found in a text: `keep` is the part that names its format and may be shown. */
export interface SecretMatch {
    readonly kind: string;
    readonly start: number;
    readonly end: number;
    readonly text: string;
    readonly keep: string;
}

/**
 * Each pattern's first group is the part that is safe to show (a format prefix, a keyword); a
 * second group, when there is one, must pass the test that follows the pattern. Every pattern
 * starts where a token starts and has no open-ended look-ahead, so that no input, however
 * hostile, makes the scan slower than linear.
 */
const hasDigit = (value: string) => /\d/.test(value);
const PATTERNS: ReadonlyArray<readonly [RegExp, string, ((value: string) => boolean)?]> = [
    [/(-----BEGIN [A-Z ]{0,40}PRIVATE KEY(?: BLOCK)?-----)(?:\s*[A-Za-z0-9+/=]{16,})*/g, 'a private key'],
    [/\b(AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g, 'an AWS access key id'],
    [/(?<![A-Za-z0-9])(sk-(?:proj-|live-|test-|ant-)?)[A-Za-z0-9_-]{16,}/g, 'an API key'],
    [/\b([rs]k_(?:live|test)_)[A-Za-z0-9]{16,}/g, 'a payment API key'],
    [/\b(gh[pousr]_)[A-Za-z0-9]{30,}/g, 'a GitHub token'],
    [/\b(github_pat_)[A-Za-z0-9_]{30,}/g, 'a GitHub token'],
    [/\b(glpat-)[A-Za-z0-9_-]{20,}/g, 'a GitLab token'],
    [/\b(xox[abposr]-)[A-Za-z0-9-]{10,}/g, 'a Slack token'],
    [/\b(AIza)[0-9A-Za-z_-]{35}/g, 'a Google API key'],
    [/(?<![A-Za-z0-9_-])(eyJ)[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, 'a JSON web token'],
    [/\b((?:password|passwd|pwd)\s*=\s*)[^\s"'&,;]{4,}/gi, 'a password assignment'],
    [/\b((?:secret|api[_-]?key|access[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|token)\s*=\s*)([^\s"'&,;]{8,})/gi, 'a key or token assignment', hasDigit],
    [/\b((?:password|passwd|api[_-]?key|client[_-]?secret|access[_-]?token):\s*)([^\s"]{6,})/gi, 'a password or key', (value) => hasDigit(value) && /[A-Za-z]/.test(value)],
];

/**
 * Credentials in a URL (`scheme://user:password@`), from the scheme. The scheme is the whole run of
 * scheme characters before a `://` and must start with a letter, so each `://` has one place a
 * match can start: `urlCredentials` tries only there, instead of at every letter of the text.
 */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^\s/:@"]+:)[^\s/@"]+@/iy;
const SCHEME_CHARACTER = /[A-Za-z0-9+.-]/;
const LETTER = /[A-Za-z]/;

function* urlCredentials(text: string): Generator<RegExpExecArray> {
    for (let separator = text.indexOf('://'); separator >= 0; ) {
        let start = separator;
        while (start > 0 && SCHEME_CHARACTER.test(text[start - 1])) start--;
        URL_CREDENTIALS.lastIndex = start;
        const match = start < separator && LETTER.test(text[start]) ? URL_CREDENTIALS.exec(text) : null;
        if (match) yield match;
        separator = text.indexOf('://', match ? match.index + match[0].length : separator + 1);
    }
}

/** A random-looking token written right after a credential-ish keyword (`credentials a8F…`). */
const AFTER_KEYWORD = /\b((?:credentials|password|passwd|token|api[_-]?key|apikey|client[_-]?secret)[\s"':=]+)([A-Za-z0-9+/=_.-]{16,})/gi;

/** Candidate tokens for the generic test: whole runs of key-ish characters (`[A-Za-z0-9+/=_.-]`), 32 or more. */
const TOKEN_CHARACTER = new Uint8Array(128);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_.-') TOKEN_CHARACTER[char.charCodeAt(0)] = 1;
const MIN_TOKEN = 32;

/** The runs' starts and ends, in pairs: one pass over the text, where a regular expression would retry at every character of every shorter run. */
function longTokens(text: string): number[] {
    const bounds: number[] = [];
    const length = text.length;
    for (let start = 0; start < length; start++) {
        let code = text.charCodeAt(start);
        if (code >= 128 || TOKEN_CHARACTER[code] === 0) continue;
        let end = start + 1;
        while (end < length && (code = text.charCodeAt(end)) < 128 && TOKEN_CHARACTER[code] === 1) end++;
        if (end - start >= MIN_TOKEN) bounds.push(start, end);
        start = end;
    }
    return bounds;
}

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
    const counts = new Map<string, number>();
    for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
    let bits = 0;
    for (const count of counts.values()) {
        const p = count / text.length;
        bits -= p * Math.log2(p);
    }
    return bits;
}

/** Share of neighbouring characters that switch between upper case, lower case and digits. */
function classChanges(text: string): number {
    const classOf = (char: string) => (/[A-Z]/.test(char) ? 'A' : /[a-z]/.test(char) ? 'a' : /\d/.test(char) ? '0' : '.');
    let changes = 0;
    for (let i = 1; i < text.length; i++) if (classOf(text[i]) !== classOf(text[i - 1])) changes++;
    return changes / (text.length - 1);
}

/**
 * Letters of both cases and digits, high entropy, and few word-like runs of lower-case letters
 * (which tell `ClaimsScoringModel2026Release` apart from a key). `strict` is for tokens with no
 * keyword before them, which must also be long.
 */
function looksRandom(token: string, strict: boolean): boolean {
    if (!/\d/.test(token) || !/[A-Z]/.test(token) || !/[a-z]/.test(token)) return false;
    const wordLike = (token.match(/[a-z]{4,}/g) ?? []).join('').length / token.length;
    if (strict) return token.length >= 32 && wordLike <= 0.45 && entropy(token) >= 4.0;
    return wordLike <= 0.3 && entropy(token) >= 3.5 && classChanges(token) >= 0.45;
}

/** Every secret in a text, in order, without overlaps (the first pattern to claim a span wins). */
export function findSecrets(text: string): SecretMatch[] {
    const found: SecretMatch[] = [];
    // One flag per character, so that files full of tokens cost linear time, not quadratic.
    const claimed = new Uint8Array(text.length);
    const add = (kind: string, start: number, matched: string, keep: string) => {
        const end = start + matched.length;
        for (let i = start; i < end; i++) if (claimed[i]) return;
        claimed.fill(1, start, end);
        found.push({ kind, start, end, text: matched, keep });
    };
    for (const [pattern, kind, accept] of PATTERNS) {
        for (const match of text.matchAll(pattern)) if (!accept || accept(match[2])) add(kind, match.index, match[0], match[1]);
    }
    for (const match of urlCredentials(text)) add('credentials in a URL', match.index, match[0], match[1]);
    for (const match of text.matchAll(AFTER_KEYWORD)) {
        if (looksRandom(match[2], false)) add('a key or password', match.index + match[1].length, match[2], '');
    }
    const tokens = longTokens(text);
    for (let i = 0; i < tokens.length; i += 2) {
        const start = tokens[i];
        const end = tokens[i + 1];
        const token = text.slice(start, end);
        if (looksRandom(token, true)) add('a long random token (an API key or password?)', start, token, token.slice(0, 4));
    }
    return found.sort((a, b) => a.start - b.start);
}

export const REDACTED = '…[redacted]';

/** The secret as messages show it: its harmless prefix, then a marker. */
export function redacted(secret: SecretMatch): string {
    return `${secret.keep}${REDACTED}`;
}

/** Pieces shorter than this say too little about a secret to be worth redacting. */
const MIN_PIECE = 6;

/**
 * The pieces of the secrets that a parser message can quote on its own: each run of word
 * characters, and the tokens the lexer cuts it into when it starts with digits (`8427519` and
 * `kG7…` of `8427519kG7…`, or `12h` and the rest), and any start of those that a message shows
 * before cutting it short (`8427519kG7tR2xW9…`). Pieces inside the shown prefix are left out.
 */
export function secretPieces(secrets: readonly SecretMatch[]): SecretPieces {
    const pieces = new Set<string>();
    // The starts of the shown prefixes (`sk_live_` shows as itself): words a message may keep.
    const keeps = new Set<string>();
    for (const secret of secrets) {
        for (let end = MIN_PIECE; end <= secret.keep.length; end++) keeps.add(secret.keep.slice(0, end));
        for (const [run] of secret.text.matchAll(/\w+/g)) {
            const digits = /^\d*/.exec(run)![0].length;
            // A number, or a duration with a one- or two-letter unit, then a name to the end.
            for (const cut of [0, digits, digits + 1, digits + 2].filter((at) => at <= run.length)) {
                for (const piece of [run.slice(cut), run.slice(0, cut)]) {
                    if (piece.length >= MIN_PIECE && !secret.keep.includes(piece)) pieces.add(piece);
                }
            }
        }
    }
    return new SecretPieces([...pieces].sort(), keeps);
}

/** Answers whether a word of a message is a piece of a secret or the start of one, in logarithmic time. */
export class SecretPieces {
    constructor(
        private readonly sorted: readonly string[],
        private readonly keeps: ReadonlySet<string>,
    ) {}

    get size(): number {
        return this.sorted.length;
    }

    has(word: string): boolean {
        if (word.length < MIN_PIECE || this.keeps.has(word)) return false;
        let low = 0;
        let high = this.sorted.length;
        while (low < high) {
            const middle = (low + high) >> 1;
            if (this.sorted[middle] < word) low = middle + 1;
            else high = middle;
        }
        return low < this.sorted.length && this.sorted[low].startsWith(word);
    }
}

/**
 * The text with every secret it contains redacted, and every word that is a piece of a known
 * secret (from `secretPieces`, for the file a message is about) replaced by the marker.
 */
export function redactSecrets(text: string, pieces: Pick<SecretPieces, 'has' | 'size'> = new Set<string>()): string {
    let result = text;
    for (const secret of findSecrets(text)) result = result.split(secret.text).join(redacted(secret));
    return pieces.size === 0 ? result : result.replace(/\w+/g, (word) => (pieces.has(word) ? REDACTED : word));
}
