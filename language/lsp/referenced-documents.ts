import { URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { closure } from '../util/graph.js';
import type { HitlIndexManager } from '../workspace/index-manager.js';

/**
 * The document and every document it refers to, directly or through others (as the index
 * records them): all that its workflows' graphs and compliance read, so a request costs the
 * file's share of the workspace, not the whole workspace.
 */
export function referencedDocuments(shared: LangiumSharedServices, document: LangiumDocument): LangiumDocument[] {
    const index = shared.workspace.IndexManager as HitlIndexManager;
    return [...closure([document.uri.toString()], (uri) => index.targetsOf(uri))].flatMap((uri) => shared.workspace.LangiumDocuments.getDocument(URI.parse(uri)) ?? []);
}
