import type { CompletionParams } from 'vscode-languageserver-protocol';
import type { CompletionList } from 'vscode-languageserver-types';
import type { LangiumDocument } from 'langium';
import { DefaultCompletionProvider } from 'langium/lsp';

/** More suggestions than this help nobody; the client asks again as the user types. */
export const MAX_COMPLETION_ITEMS = 100;

/** Langium's keyword and reference completion, fuzzy-filtered, capped and marked incomplete when capped. */
export class HitlCompletionProvider extends DefaultCompletionProvider {
    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        const list = await super.getCompletion(document, params);
        if (!list || list.items.length <= MAX_COMPLETION_ITEMS) return list;
        const key = (item: (typeof list.items)[number]) => item.sortText ?? item.label;
        const items = [...list.items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).slice(0, MAX_COMPLETION_ITEMS);
        return { isIncomplete: true, items };
    }

    /**
     * Documentation is left to hover: fetching it for every candidate loads and scans every
     * declaration in the workspace on each keystroke.
     */
    protected override getReferenceDocumentation(): undefined {
        return undefined;
    }
}
