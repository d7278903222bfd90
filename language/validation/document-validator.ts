import { Cancellation, DefaultDocumentValidator, DocumentValidator, interruptAndCheck, type AstNode, type LangiumDocument, type ValidationAcceptor, type ValidationOptions } from 'langium';
import { isHitlLinkingError } from '../references/hitl-linker.js';
import type { Diagnostic } from 'vscode-languageserver-types';
import { exceedsSourceLimit } from '../parser/guarded-parser.js';
import { findSecrets, redactSecrets, secretPieces } from '../util/secrets.js';
import { documentNodes, forgetDocumentNodes } from '../analysis/document-nodes.js';
import { endValidation, startValidation } from '../analysis/validation-memo.js';
import { HitlValidationRegistry } from './validation-registry.js';
import { ReferenceUnresolved, SyntaxFileTooLarge, SyntaxInvalidToken, SyntaxParseError } from './built-in-rules.js';

/** Syntax errors past this many in one file add nothing a reader can use; the rest are summarised. */
export const MAX_SYNTAX_DIAGNOSTICS = 50;

const LANGIUM_CODES = new Map<string, string>([
    [DocumentValidator.LexingError, SyntaxInvalidToken.code],
    [DocumentValidator.ParsingError, SyntaxParseError.code],
    [DocumentValidator.LinkingError, ReferenceUnresolved.code],
]);

/**
 * Langium's validator, with its built-in diagnostics given stable `area/rule-name` codes and
 * a cap on syntax errors so that binary garbage yields a short report, not a million lines.
 */
export class HitlDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        let validated: Diagnostic[];
        startValidation(document.parseResult.value);
        try {
            validated = await super.validateDocument(document, options, cancelToken);
        } finally {
            forgetDocumentNodes(document.parseResult.value);
            endValidation(document.parseResult.value);
        }
        const diagnostics = withoutSecrets(document, validated);
        const tooLarge = exceedsSourceLimit(document.textDocument.getText());
        let syntaxCount = 0;
        const result: Diagnostic[] = [];
        for (const diagnostic of diagnostics) {
            const langiumCode = (diagnostic.data as { code?: string } | undefined)?.code;
            const code = typeof diagnostic.code === 'string' ? diagnostic.code : langiumCode && LANGIUM_CODES.get(langiumCode);
            if (code === SyntaxInvalidToken.code || code === SyntaxParseError.code) {
                syntaxCount++;
                if (syntaxCount > MAX_SYNTAX_DIAGNOSTICS) continue;
            }
            const mapped = tooLarge && code === SyntaxInvalidToken.code ? SyntaxFileTooLarge.code : code;
            result.push({ ...diagnostic, code: mapped ?? undefined, source: 'hitl' });
        }
        if (syntaxCount > MAX_SYNTAX_DIAGNOSTICS) {
            const last = result.filter((d) => d.code === SyntaxInvalidToken.code || d.code === SyntaxParseError.code).at(-1)!;
            result.push({
                ...last,
                message: `${syntaxCount - MAX_SYNTAX_DIAGNOSTICS} more syntax errors not shown; is this a .hitl file?`,
            });
        }
        return result;
    }

    /**
     * Langium's walk over the nodes, on the shared node list (see analysis/document-nodes.ts),
     * awaiting only checks that return a promise and yielding to the event loop only when the
     * build can be cancelled (the editor's; the CLI's cannot).
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const registry = this.validationRegistry;
        if (this.profiler?.isActive('validating') || !(registry instanceof HitlValidationRegistry)) return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        const nodes = documentNodes(rootNode);
        const cancellable = cancelToken !== Cancellation.CancellationToken.None;
        for (let index = 0; index < nodes.all.length; ) {
            if (cancellable) await interruptAndCheck(cancelToken);
            const node = nodes.all[index];
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                for (const check of registry.checksFor(node.$type, options.categories)) {
                    const result = check(node, acceptor, cancelToken);
                    if (result) await result;
                }
            }
            index = nodeOptions.validateChildren ? index + 1 : nodes.subtreeEnd(index);
        }
    }

    /** Adds the linker's suggestions to each unresolved reference's data, for the quick fixes. */
    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const first = diagnostics.length;
        super.processLinkingErrors(document, diagnostics, options);
        // Langium adds one diagnostic per reference with an error, in the references' order.
        const errors = document.references.flatMap((reference) => (reference.error ? [reference.error] : []));
        errors.forEach((error, index) => {
            const diagnostic = diagnostics[first + index];
            if (diagnostic && isHitlLinkingError(error)) diagnostic.data = { ...(diagnostic.data as object), suggestions: error.suggestions };
        });
    }
}

/**
 * Every diagnostic, whatever its code (parser, lexer, linker, rule), passes through here on its
 * way to the CLI and the editor: secrets in the file, and pieces of them that parser messages
 * quote, are redacted from its message, related messages and data (suppression reasons, the
 * linker's reference text).
 */
function withoutSecrets(document: LangiumDocument, diagnostics: Diagnostic[]): Diagnostic[] {
    if (diagnostics.length === 0) return diagnostics;
    const pieces = secretPieces(findSecrets(document.textDocument.getText()));
    const clean = (value: unknown): unknown => {
        if (typeof value === 'string') return redactSecrets(value, pieces);
        if (Array.isArray(value)) return value.map(clean);
        if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, clean(inner)]));
        return value;
    };
    return diagnostics.map((diagnostic) => ({
        ...diagnostic,
        message: clean(diagnostic.message) as Diagnostic['message'],
        ...(diagnostic.relatedInformation ? { relatedInformation: diagnostic.relatedInformation.map((related) => ({ ...related, message: redactSecrets(related.message, pieces) })) } : {}),
        ...(diagnostic.data === undefined ? {} : { data: clean(diagnostic.data) }),
    }));
}
