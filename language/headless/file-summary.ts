import { AstUtils, type AstNode, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { isHitlFile } from '../generated/ast.js';
import type { HitlCoreServices } from '../hitl-module.js';
import { parseSource, type SourceFile } from './workspace-check.js';

/**
 * What planning a partial check needs to know of a file, from its parse alone (no linking): the
 * names it exports, exactly as the index describes them, and the names its references use. A
 * plain object, to be sent between threads and cached by content.
 */
export interface FileSummary {
    /** The file's exported descriptions in index order (top-level declarations, `Dataset.field`). */
    readonly exports: readonly ExportedName[];
    /** Every name a reference of the file uses (`$refText`), each once, in order of appearance. */
    readonly uses: readonly string[];
    /** Per top-level declaration: the names it exports and those its references use. */
    readonly elements: readonly ElementSummary[];
}

export interface ExportedName {
    readonly name: string;
    readonly type: string;
    /** Where the node is in its file (`AstNodeLocator` path). */
    readonly path: string;
}

export interface ElementSummary {
    readonly names: readonly string[];
    readonly uses: readonly string[];
}

/** The summary of a parsed document. Local references are included: a name shared with a global declaration costs one file more to load, never a wrong plan. */
export async function summariseFile(services: HitlCoreServices, document: LangiumDocument): Promise<FileSummary> {
    const exported = await services.references.ScopeComputation.collectExportedSymbols(document);
    const root = document.parseResult.value;
    const elements: AstNode[] = isHitlFile(root) ? root.elements : [];
    const indexOf = new Map(elements.map((element, index) => [element, index]));
    const names = elements.map((): string[] => []);
    for (const description of exported) {
        let node = description.node;
        while (node && !indexOf.has(node)) node = node.$container;
        if (node) names[indexOf.get(node)!].push(description.name);
    }
    return {
        exports: exported.map((description) => ({ name: description.name, type: description.type, path: description.path })),
        uses: namesUsedIn(root),
        elements: elements.map((element, index) => ({ names: names[index], uses: namesUsedIn(element) })),
    };
}

/** Parses the sources and summarises them, by URI; a source that is not text summarises as empty (it is never loaded). */
export async function summariseSources(shared: LangiumSharedCoreServices, sources: readonly SourceFile[]): Promise<{ summaries: Map<string, FileSummary>; parsed: Map<string, LangiumDocument> }> {
    const parsed = new Map<string, LangiumDocument>();
    for (const source of sources) {
        const document = parseSource(shared, source);
        if (document) parsed.set(source.uri.toString(), document);
    }
    const summaries = await summariseDocuments(shared, [...parsed.values()]);
    for (const source of sources) if (!summaries.has(source.uri.toString())) summaries.set(source.uri.toString(), { exports: [], uses: [], elements: [] });
    return { summaries, parsed };
}

/** The summaries of parsed documents, by URI. */
export async function summariseDocuments(shared: LangiumSharedCoreServices, documents: readonly LangiumDocument[]): Promise<Map<string, FileSummary>> {
    const summaries = new Map<string, FileSummary>();
    for (const document of documents) summaries.set(document.uri.toString(), await summariseFile(shared.ServiceRegistry.getServices(document.uri) as HitlCoreServices, document));
    return summaries;
}

function namesUsedIn(node: AstNode): string[] {
    const used = new Set<string>();
    for (const child of AstUtils.streamAst(node)) {
        for (const { reference } of AstUtils.streamReferences(child)) used.add(reference.$refText);
    }
    return [...used];
}
