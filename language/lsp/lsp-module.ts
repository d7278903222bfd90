import type { Module } from 'langium';
import type { LangiumServices, LangiumSharedServices, PartialLangiumServices, PartialLangiumSharedServices } from 'langium/lsp';
import type { HitlServices } from '../hitl-module.js';
import { HitlCodeActionProvider } from './code-actions.js';
import { HitlCompletionProvider } from './completion.js';
import { VersionRecordingDocumentFactory } from './document-versions.js';
import { HitlFormatter } from './formatter.js';
import { HitlHoverProvider } from './hover.js';
import { HitlLanguageServer } from './language-server.js';
import { HitlNodeKindProvider } from './node-kinds.js';
import { HitlRenameProvider } from './rename.js';
import { HitlSemanticTokenProvider } from './semantic-tokens.js';
import { HitlDocumentUpdateHandler, HitlWorkspaceManager } from '../workspace/workspace-config.js';

/** Editor services replacing Langium's defaults. */
export const HitlLspModule: Module<LangiumServices, PartialLangiumServices> = {
    lsp: {
        Formatter: () => new HitlFormatter(),
        HoverProvider: (services) => new HitlHoverProvider(services),
        CompletionProvider: (services) => new HitlCompletionProvider(services),
        RenameProvider: (services) => new HitlRenameProvider(services),
        SemanticTokenProvider: (services) => new HitlSemanticTokenProvider(services),
        CodeActionProvider: (services) => new HitlCodeActionProvider(services as HitlServices),
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
