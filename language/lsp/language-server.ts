import { DocumentState, URI } from 'langium';
import { createRequestHandler, DefaultLanguageServer, type LangiumServices, type LangiumSharedServices } from 'langium/lsp';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver';
import type { CompletionItem } from 'vscode-languageserver-types';
import { HitlCompletionProvider } from './completion.js';
import { registerComplianceRequests } from './requests/compliance.js';
import { registerOutputFolderRequests } from './requests/output-folder.js';
import { registerSimulationRequests } from './requests/simulation.js';
import { answerForCurrentVersion } from './current-version.js';
import { selectionRanges } from './selection-range.js';

/** Langium's server capabilities, plus the requests hitl answers that Langium does not. */
export class HitlLanguageServer extends DefaultLanguageServer {
    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        const result = super.buildInitializeResult(params);
        const { completionProvider } = result.capabilities;
        return {
            ...result,
            capabilities: {
                ...result.capabilities,
                completionProvider: completionProvider && { ...completionProvider, resolveProvider: true },
                selectionRangeProvider: true,
            },
        };
    }
}

/**
 * Prepares the connection before Langium registers its handlers (`startLanguageServer`):
 * document requests answer for the editor's current text, and the requests Langium has no
 * handler for (selection ranges, completion item resolve) are registered.
 */
export function prepareConnection(connection: Connection, shared: LangiumSharedServices): void {
    answerForCurrentVersion(connection, shared);
    connection.onSelectionRanges(createRequestHandler((_services, document, params) => selectionRanges(document, params.positions), shared, DocumentState.Parsed));
    connection.onCompletionResolve((item) => resolveCompletionItem(shared, item));
    registerSimulationRequests(connection, shared);
    registerOutputFolderRequests(connection, shared);
    registerComplianceRequests(connection, shared);
}

async function resolveCompletionItem(shared: LangiumSharedServices, item: CompletionItem): Promise<CompletionItem> {
    const uri = (item.data as { uri?: unknown } | undefined)?.uri;
    if (typeof uri !== 'string') return item;
    const parsed = URI.parse(uri);
    if (!shared.ServiceRegistry.hasServices(parsed)) return item;
    const provider = (shared.ServiceRegistry.getServices(parsed) as LangiumServices).lsp.CompletionProvider;
    return provider instanceof HitlCompletionProvider ? provider.resolveCompletionItem(item) : item;
}
