import { DocumentState, URI } from 'langium';
import { createRequestHandler, DefaultLanguageServer, type LangiumServices, type LangiumSharedServices } from 'langium/lsp';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver';
import type { CompletionItem } from 'vscode-languageserver-types';
import { HitlCompletionProvider } from './completion.js';
import { registerComplianceRequests } from './requests/compliance.js';
import { registerOutputFolderRequests } from './requests/output-folder.js';
import { registerSimulationRequests } from './requests/simulation.js';
import { answerForCurrentVersion } from './current-version.js';
import { registerGraphRequests } from './requests/graph.js';
import { RulePages } from './rule-pages.js';
import { selectionRanges } from './selection-range.js';
import { HitlYamlFiles } from './yaml/yaml-files.js';

/** Langium's server capabilities, plus the requests hitl answers that Langium does not. */
export class HitlLanguageServer extends DefaultLanguageServer {
    /** Where rule links lead, as the client asked at start-up. */
    readonly rulePages = new RulePages();

    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        this.rulePages.configure(params.initializationOptions);
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

/** The server's rule links (see {@link RulePages}). */
export function rulePagesOf(shared: LangiumSharedServices): RulePages {
    return (shared.lsp.LanguageServer as HitlLanguageServer).rulePages;
}

/**
 * Prepares the connection before Langium registers its handlers (`startLanguageServer`):
 * document requests answer for the editor's current text, hitl's YAML files are checked and
 * completed beside Langium, and the requests Langium has no handler for (selection ranges,
 * completion item resolve) are registered.
 */
export function prepareConnection(connection: Connection, shared: LangiumSharedServices): void {
    const yaml = new HitlYamlFiles(shared);
    yaml.listen(connection);
    // Before the version guard wraps the handlers: YAML files have no parse of Langium's to wait for.
    const registerCompletion = connection.onCompletion.bind(connection);
    connection.onCompletion = (handler) => registerCompletion((params, token, progress, results) => (yaml.handles(params.textDocument.uri) ? yaml.complete(params) : handler(params, token, progress, results)));
    answerForCurrentVersion(connection, shared);
    connection.onSelectionRanges(createRequestHandler((_services, document, params) => selectionRanges(document, params.positions), shared, DocumentState.Parsed));
    connection.onCompletionResolve((item) => resolveCompletionItem(shared, item));
    registerGraphRequests(connection, shared);
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
