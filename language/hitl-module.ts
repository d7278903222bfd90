import {
    createDefaultCoreModule,
    createDefaultSharedCoreModule,
    inject,
    type DefaultSharedCoreModuleContext,
    type LangiumCoreServices,
    type LangiumSharedCoreServices,
    type Module,
    type PartialLangiumCoreServices,
    type PartialLangiumSharedCoreServices,
} from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { HitlGeneratedModule, HitlGeneratedSharedModule } from './generated/module.js';
import { HitlParserErrorMessageProvider } from './parser/error-messages.js';
import { HitlLexerErrorMessageProvider } from './parser/lexer-messages.js';
import { HitlTokenBuilder } from './parser/token-builder.js';
import { HitlValueConverter } from './parser/value-converter.js';
import { createGuardedParser } from './parser/guarded-parser.js';
import { HitlDocumentValidator } from './validation/document-validator.js';
import { HitlValidationRegistry } from './validation/validation-registry.js';
import { registerHitlRules } from './validation/registry.js';
import { HitlScopeProvider } from './references/scope-provider.js';
import { HitlScopeComputation } from './workspace/scope-computation.js';
import { HitlServiceRegistry } from './workspace/service-registry.js';
import { HitlLinker } from './references/hitl-linker.js';
import { HitlDocumentBuilder } from './workspace/document-builder.js';
import { HitlIndexManager } from './workspace/index-manager.js';
import { NameIndex } from './workspace/name-index.js';
import { CompactNodeDescriptionProvider } from './workspace/node-descriptions.js';
import { LazyReferenceDescriptionProvider } from './workspace/reference-descriptions.js';
import { Clock, RuleSettings, type TimeSource } from './settings/rule-settings.js';

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
/** Parsing, linking and validation: what the CLI, the generators and most tests use. */
export type HitlCoreServices = LangiumCoreServices & HitlAddedServices;
/** The core plus the editor services: what the language server uses. */
export type HitlServices = LangiumServices & HitlAddedServices;

/** Language-level services: parsing, scoping and validation. */
export const createHitlModule = (context: HitlContext): Module<HitlCoreServices, PartialLangiumCoreServices & HitlAddedServices> => ({
    governance: {
        RuleSettings: () => new RuleSettings(),
        Clock: () => new Clock(context.now),
    },
    parser: {
        LangiumParser: (services) => createGuardedParser(services),
        ParserErrorMessageProvider: (services) => new HitlParserErrorMessageProvider(services.Grammar),
        LexerErrorMessageProvider: () => new HitlLexerErrorMessageProvider(),
        TokenBuilder: () => new HitlTokenBuilder(),
        ValueConverter: () => new HitlValueConverter(),
    },
    references: {
        ScopeComputation: (services) => new HitlScopeComputation(services),
        Linker: (services) => new HitlLinker(services),
        ScopeProvider: (services) => new HitlScopeProvider(services),
    },
    validation: {
        DocumentValidator: (services) => new HitlDocumentValidator(services),
        ValidationRegistry: (services) => new HitlValidationRegistry(services),
    },
    workspace: {
        NameIndex: (services) => new NameIndex(services.shared),
        AstNodeDescriptionProvider: (services) => new CompactNodeDescriptionProvider(services),
        ReferenceDescriptionProvider: (services) => new LazyReferenceDescriptionProvider(services),
    },
});

/** What the shell hands the core besides a file system. */
export interface HitlContext {
    /** The clock for expiry checks (reviews, suppressions). */
    readonly now: TimeSource;
}

/**
 * Shared services replacing Langium's defaults for the core: which documents an edit rebuilds
 * (see workspace/document-builder.ts), and hitl for every file handed over explicitly.
 */
export const HitlSharedModule: Module<LangiumSharedCoreServices, PartialLangiumSharedCoreServices> = {
    ServiceRegistry: (shared) => new HitlServiceRegistry(shared),
    workspace: {
        DocumentBuilder: (shared) => new HitlDocumentBuilder(shared),
        IndexManager: (shared) => new HitlIndexManager(shared),
    },
};

/**
 * The composition root. The core (parse, link, validate) serves the CLI, the generators and
 * the tests; `createHitlServices` (lsp/lsp-module.ts) adds the editor services on top of the
 * same modules, so both see the same parser, scoping and rule registry, and the CLI bundle
 * carries no editor code.
 */
export function createHitlCoreServices(context: DefaultSharedCoreModuleContext & HitlContext): {
    shared: LangiumSharedCoreServices;
    Hitl: HitlCoreServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), HitlGeneratedSharedModule, HitlSharedModule);
    const Hitl = inject(createDefaultCoreModule({ shared }), HitlGeneratedModule, createHitlModule(context));
    shared.ServiceRegistry.register(Hitl);
    registerHitlRules(Hitl);
    // Nobody sends a configuration without a client; mark it ready so builds don't wait.
    shared.workspace.ConfigurationProvider.initialized({});
    return { shared, Hitl };
}
