import { inject, type Module } from 'langium';
import {
    createDefaultModule,
    createDefaultSharedModule,
    type DefaultSharedModuleContext,
    type LangiumServices,
    type LangiumSharedServices,
    type PartialLangiumServices,
    type PartialLangiumSharedServices,
} from 'langium/lsp';
import { HitlGeneratedModule, HitlGeneratedSharedModule } from './generated/module.js';
import { HitlParserErrorMessageProvider } from './parser/error-messages.js';
import { HitlLexerErrorMessageProvider } from './parser/lexer-messages.js';
import { HitlTokenBuilder } from './parser/token-builder.js';
import { createGuardedParser } from './parser/guarded-parser.js';
import { HitlDocumentValidator } from './validation/document-validator.js';
import { registerHitlRules } from './validation/registry.js';
import { HitlScopeComputation } from './workspace/scope-computation.js';
import { HitlServiceRegistry } from './workspace/service-registry.js';
import { HitlLinker } from './references/hitl-linker.js';
import { HitlDocumentBuilder } from './workspace/document-builder.js';
import { HitlIndexManager } from './workspace/index-manager.js';
import { NameIndex } from './workspace/name-index.js';
import { Clock, RuleSettings } from './settings/rule-settings.js';
import { HitlLspModule, HitlSharedLspModule } from './lsp/lsp-module.js';
import { prepareConnection } from './lsp/language-server.js';

export type HitlAddedServices = {
    governance: {
        /** Severity per rule for this workspace (profile and overrides from hitl.config.yaml). */
        RuleSettings: RuleSettings;
        /** Today's date, for expiry checks of reviews and suppressions. */
        Clock: Clock;
    };
    workspace: {
        /** Top-level declarations of every document by name. */
        NameIndex: NameIndex;
    };
};
export type HitlServices = LangiumServices & HitlAddedServices;

/** Language-level services: parsing, scoping and validation. */
export const HitlModule: Module<HitlServices, PartialLangiumServices & HitlAddedServices> = {
    governance: {
        RuleSettings: () => new RuleSettings(),
        Clock: () => new Clock(),
    },
    parser: {
        LangiumParser: (services) => createGuardedParser(services),
        ParserErrorMessageProvider: (services) => new HitlParserErrorMessageProvider(services.Grammar),
        LexerErrorMessageProvider: () => new HitlLexerErrorMessageProvider(),
        TokenBuilder: () => new HitlTokenBuilder(),
    },
    references: {
        ScopeComputation: (services) => new HitlScopeComputation(services),
        Linker: (services) => new HitlLinker(services),
    },
    validation: {
        DocumentValidator: (services) => new HitlDocumentValidator(services),
    },
    workspace: {
        NameIndex: (services) => new NameIndex(services.shared),
    },
};

/**
 * Shared services replacing Langium's defaults for the core: which documents an edit rebuilds
 * (see workspace/document-builder.ts), and hitl for every file handed over explicitly.
 */
export const HitlSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    ServiceRegistry: (shared) => new HitlServiceRegistry(shared),
    workspace: {
        DocumentBuilder: (shared) => new HitlDocumentBuilder(shared),
        IndexManager: (shared) => new HitlIndexManager(shared),
    },
};

/**
 * The one composition root: the language server, the CLI and the tests all build their
 * services here, so they see the same parser, scoping and rule registry.
 */
export function createHitlServices(context: DefaultSharedModuleContext): {
    shared: LangiumSharedServices;
    Hitl: HitlServices;
} {
    const shared = inject(createDefaultSharedModule(context), HitlGeneratedSharedModule, HitlSharedModule, HitlSharedLspModule);
    const Hitl = inject(createDefaultModule({ shared }), HitlGeneratedModule, HitlModule, HitlLspModule);
    shared.ServiceRegistry.register(Hitl);
    registerHitlRules(Hitl);
    if (context.connection) {
        prepareConnection(context.connection, shared);
    } else {
        // Without a client nobody sends the configuration; mark it ready so builds don't wait.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Hitl };
}
