import { createDefaultCoreModule, createDefaultSharedCoreModule, DocumentState, inject, type Module } from 'langium';
import {
    createDefaultLSPModule,
    createDefaultSharedLSPModule,
    type DefaultSharedModuleContext,
    type LangiumServices,
    type LangiumSharedServices,
    type PartialLangiumServices,
    type PartialLangiumSharedServices,
} from 'langium/lsp';
import { HitlGeneratedModule, HitlGeneratedSharedModule } from '../generated/module.js';
import { createHitlModule, HitlSharedModule, type HitlContext, type HitlServices } from '../hitl-module.js';
import { registerHitlRules } from '../validation/registry.js';
import { prepareConnection } from './language-server.js';
import { HitlCodeActionProvider } from './code-actions.js';
import { HitlCodeLensProvider } from './code-lens.js';
import { HitlCompletionProvider } from './completion.js';
import { VersionRecordingDocumentFactory } from './document-versions.js';
import { HitlFormatter } from './formatter.js';
import { HitlHoverProvider } from './hover.js';
import { HitlLanguageServer, rulePagesOf } from './language-server.js';
import { LinkedDocumentValidator } from './rule-pages.js';
import { HitlNodeKindProvider } from './node-kinds.js';
import { HitlRenameProvider } from './rename.js';
import { HitlSemanticTokenProvider } from './semantic-tokens.js';
import { HitlDocumentUpdateHandler, HitlWorkspaceManager } from './workspace-manager.js';

/** What a request waits for before its handler runs (`startLanguageServer`'s second argument): the code lens counts the document's findings. */
export const HITL_SERVICE_REQUIREMENTS = { CodeLensProvider: DocumentState.Validated };

/** Editor services replacing Langium's defaults. */
export const HitlLspModule: Module<LangiumServices, PartialLangiumServices> = {
    lsp: {
        Formatter: () => new HitlFormatter(),
        HoverProvider: (services) => new HitlHoverProvider(services),
        CompletionProvider: (services) => new HitlCompletionProvider(services),
        RenameProvider: (services) => new HitlRenameProvider(services),
        SemanticTokenProvider: (services) => new HitlSemanticTokenProvider(services),
        CodeActionProvider: (services) => new HitlCodeActionProvider(services as HitlServices),
        CodeLensProvider: (services) => new HitlCodeLensProvider(services),
    },
    validation: {
        DocumentValidator: (services) => new LinkedDocumentValidator(services, rulePagesOf(services.shared)),
    },
};

export const HitlSharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    lsp: {
        LanguageServer: (shared) => new HitlLanguageServer(shared),
        NodeKindProvider: () => new HitlNodeKindProvider(),
        DocumentUpdateHandler: (shared) => new HitlDocumentUpdateHandler(shared),
    },
    workspace: {
        WorkspaceManager: (shared) => new HitlWorkspaceManager(shared),
        LangiumDocumentFactory: (shared) => new VersionRecordingDocumentFactory(shared),
    },
};

/** The core with the editor services: formatting, completion, hover, quick fixes, the connection. */
export function createHitlServices(context: DefaultSharedModuleContext & HitlContext): {
    shared: LangiumSharedServices;
    Hitl: HitlServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), createDefaultSharedLSPModule(context), HitlGeneratedSharedModule, HitlSharedModule, HitlSharedLspModule);
    const Hitl = inject(createDefaultCoreModule({ shared }), createDefaultLSPModule({ shared }), HitlGeneratedModule, createHitlModule(context), HitlLspModule);
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
