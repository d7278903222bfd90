import type { LangiumDocument, ValidationOptions, Cancellation } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ruleDoc } from '../documentation/rule-docs.js';
import { ruleCommandLink, rulePageUrl } from '../documentation/rule-links.js';
import { HitlDocumentValidator } from '../validation/document-validator.js';

/** A client command that opens a rule's page: a dotted identifier such as `hitl.showRule`. */
const COMMAND_NAME = /^[A-Za-z][\w.-]*$/;

/**
 * Where the editor's rule links lead. By default to the published page; a client that ships the
 * pages and has a command to open them says so in `initializationOptions.rulePageCommand`, and
 * the links become `command:` links to it (VS Code opens those from the Problems panel and hovers).
 */
export class RulePages {
    private command: string | undefined;

    configure(initializationOptions: unknown): void {
        const command = (initializationOptions as { rulePageCommand?: unknown } | null | undefined)?.rulePageCommand;
        this.command = typeof command === 'string' && COMMAND_NAME.test(command) ? command : undefined;
    }

    /** The link to a rule's page; none for a code without a page. */
    link(code: string): string | undefined {
        if (ruleDoc(code) === undefined) return undefined;
        return this.command ? ruleCommandLink(this.command, code) : rulePageUrl(code);
    }
}

/** The editor's validator: every diagnostic with a rule page links to it (`codeDescription`). */
export class LinkedDocumentValidator extends HitlDocumentValidator {
    constructor(
        services: LangiumServices,
        private readonly pages: RulePages,
    ) {
        super(services);
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        return diagnostics.map((diagnostic) => {
            const href = typeof diagnostic.code === 'string' ? this.pages.link(diagnostic.code) : undefined;
            return href ? { ...diagnostic, codeDescription: { href } } : diagnostic;
        });
    }
}
