import { AstUtils, CstUtils, GrammarUtils } from 'langium';
import { isAiModel } from '../../../generated/ast.js';
import { findSecrets, redacted } from '../../../util/secrets.js';
import { defineRule } from '../../rule.js';

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
            const inline: Array<{ start: number; end: number }> = [];
            for (const model of AstUtils.streamAllContents(file).filter(isAiModel)) {
                if (model.inlineCredentials === undefined) continue;
                const cst = GrammarUtils.findNodeForProperty(model.$cstNode, 'inlineCredentials');
                if (cst) inline.push({ start: cst.offset, end: cst.end });
                report({
                    node: model,
                    property: 'inlineCredentials',
                    message: `Model '${model.name}' has its credentials written inline; declare 'secret ${model.name}Key from "vault://…"' and write 'credentials ${model.name}Key' (and rotate the exposed value).`,
                });
            }
            const root = file.$cstNode;
            if (!root) return;
            const document = AstUtils.getDocument(file).textDocument;
            for (const secret of findSecrets(withoutComments(document.getText()))) {
                if (inline.some((span) => span.start <= secret.start && secret.end <= span.end)) continue;
                report({
                    node: CstUtils.findLeafNodeAtOffset(root, secret.start)?.astNode ?? file,
                    range: { start: document.positionAt(secret.start), end: document.positionAt(secret.end) },
                    message: `This looks like ${secret.kind} (${redacted(secret)}); never write secrets in a .hitl file: declare 'secret <Name> from "vault://…"', refer to it by name, and rotate the exposed value.`,
                });
            }
        },
    },
});
