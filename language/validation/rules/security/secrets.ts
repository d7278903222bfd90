import { AstUtils, CstUtils, GrammarUtils } from 'langium';
import { isAiModel } from '../../../generated/ast.js';
import { findSecrets, redacted, type SecretMatch } from '../../../util/secrets.js';
import { defineRule } from '../../rule.js';

/** Past this many secrets in one file, listing more helps nobody: the rest are summarised. */
const MAX_SECRETS_LISTED = 20;

/**
 * The text with comments blanked out (same length, so offsets hold): comments are notes to
 * readers and are not scanned, while every token, quoted or not, is. Strings are matched
 * first, as the lexer does, so that `//` inside a URL does not start a comment.
 */
function withoutComments(text: string): string {
    return text.replace(/"(?:\\.|[^"\\\r\n])*"|\/\/[^\n\r]*|\/\*[\s\S]*?\*\//g, (match) => (match.startsWith('"') ? match : match.replace(/[^\r\n]/g, ' ')));
}

export const secretsMustNotBeInline = defineRule({
    code: 'security/inline-secret',
    title: 'Secrets are referenced by name, never written inline',
    severity: 'error',
    requirements: ['G37'],
    checks: {
        HitlFile: (file, report) => {
            const document = AstUtils.getDocument(file).textDocument;
            const text = document.getText();
            // Characters inside inline credentials: the model's own finding covers them.
            const inline = new Uint8Array(text.length);
            for (const model of AstUtils.streamAllContents(file).filter(isAiModel)) {
                if (model.inlineCredentials === undefined) continue;
                const cst = GrammarUtils.findNodeForProperty(model.$cstNode, 'inlineCredentials');
                if (cst) inline.fill(1, cst.offset, cst.end);
                report({
                    node: model,
                    property: 'inlineCredentials',
                    message: `Model '${model.name}' has its credentials written inline; declare 'secret ${model.name}Key from "vault://…"' and write 'credentials ${model.name}Key' (and rotate the exposed value).`,
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
