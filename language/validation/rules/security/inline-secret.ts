import { AstUtils, CstUtils, GrammarUtils } from 'langium';
import { isAiModel } from '../../../generated/ast.js';
import { findSecrets, redacted, type SecretMatch } from '../../../util/secrets.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { documentNodes } from '../../../analysis/document-nodes.js';

/** Past this many secrets in one file, listing more helps nobody: the rest are summarised. */
const MAX_SECRETS_LISTED = 20;

/**
 * The text with comments blanked out (same length, so offsets hold): comments are notes to
 * readers and are not scanned, while every token, quoted or not, is. Strings are skipped as
 * the lexer reads them, so that `//` inside a URL does not start a comment; an unclosed string
 * or block comment is no string or comment, as for the lexer. One pass, for any input.
 */
function withoutComments(text: string): string {
    const parts: string[] = [];
    let copied = 0;
    let unclosedBlock = false;
    const blank = (start: number, end: number) => {
        const comment = text.slice(start, end);
        // Only a block comment can hold line breaks, which stay so that lines keep their numbers.
        parts.push(text.slice(copied, start), /[\r\n]/.test(comment) ? comment.replace(/[^\r\n]/g, ' ') : ' '.repeat(comment.length));
        copied = end;
    };
    // Only a quote or a slash can start a string or a comment: jump from one to the next.
    const candidates = /["/]/g;
    for (let i = 0; i < text.length; ) {
        candidates.lastIndex = i;
        const next = candidates.exec(text);
        if (!next) break;
        i = next.index;
        if (text[i] === '"') {
            let end = i + 1;
            while (end < text.length && text[end] !== '"' && text[end] !== '\n' && text[end] !== '\r') end += text[end] === '\\' && !/[\r\n]/.test(text[end + 1] ?? '\n') ? 2 : 1;
            i = text[end] === '"' ? end + 1 : i + 1;
        } else if (text.startsWith('//', i)) {
            blank(i, lineEnd(text, i));
            i = copied;
        } else if (text.startsWith('/*', i) && !unclosedBlock) {
            const close = text.indexOf('*/', i + 2);
            // Once a block comment has no end, no later one has either.
            unclosedBlock = close < 0;
            if (close >= 0) blank(i, close + 2);
            i = close < 0 ? i + 2 : copied;
        } else {
            i++;
        }
    }
    parts.push(text.slice(copied));
    return parts.join('');
}

/** Where the line that `from` is on ends (its line break, or the end of the text). */
function lineEnd(text: string, from: number): number {
    for (let i = from; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 10 || code === 13) return i;
    }
    return text.length;
}

export const secretsMustNotBeInline = defineRule({
    code: 'security/inline-secret',
    title: 'Secrets are referenced by name, never written inline',
    severity: 'error',
    requirements: ['G37'],
    evidence: 'presence',
    checks: {
        HitlFile: (file, report) => {
            const document = AstUtils.getDocument(file).textDocument;
            const text = document.getText();
            // Characters inside inline credentials: the model's own finding covers them.
            const inline = new Uint8Array(text.length);
            for (const model of documentNodes(file).ofKind(isAiModel)) {
                if (model.inlineCredentials === undefined) continue;
                const cst = GrammarUtils.findNodeForProperty(model.$cstNode, 'inlineCredentials');
                if (cst) inline.fill(1, cst.offset, cst.end);
                report({
                    node: model,
                    property: 'inlineCredentials',
                    message: `Model ${quoted(model.name)} has its credentials written inline; declare 'secret ${model.name}Key from "vault://…"' and write 'credentials ${model.name}Key' (and rotate the exposed value).`,
                });
            }
            const root = file.$cstNode;
            if (!root) return;
            const secrets = findSecrets(withoutComments(text)).filter((secret) => !inline[secret.start]);
            const at = (secret: SecretMatch) => ({
                node: CstUtils.findLeafNodeAtOffset(root, secret.start)?.astNode ?? file,
                range: { start: document.positionAt(secret.start), end: document.positionAt(secret.end) },
            });
            for (const secret of secrets.slice(0, MAX_SECRETS_LISTED)) {
                report({
                    ...at(secret),
                    message: `This looks like ${secret.kind} (${redacted(secret)}); never write secrets in a .hitl file: declare 'secret <Name> from "vault://…"', refer to it by name, and rotate the exposed value.`,
                });
            }
            if (secrets.length > MAX_SECRETS_LISTED) {
                report({
                    ...at(secrets[MAX_SECRETS_LISTED]),
                    message: `${secrets.length - MAX_SECRETS_LISTED} more secret-looking tokens from here on are not listed; is this a .hitl file? Move every secret to a vault and rotate it.`,
                });
            }
        },
    },
});
