import { DefaultLangiumDocumentFactory, type AstNode, type Cancellation, type LangiumDocument, type ParseResult, type URI } from 'langium';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * The editor version each document's syntax tree was parsed from. The editor's text document
 * is updated in place on every change, so `document.textDocument.version` is the newest text,
 * not the one the tree was built from; requests need the latter to know whether they are stale.
 */
const parsedVersions = new WeakMap<LangiumDocument, number>();

/** The editor version the document's syntax tree was parsed from; undefined when it came from disk. */
export function parsedVersion(document: LangiumDocument): number | undefined {
    return parsedVersions.get(document);
}

/** Langium's document factory, recording the editor version of the text each parse reads. */
export class VersionRecordingDocumentFactory extends DefaultLangiumDocumentFactory {
    override async update<T extends AstNode = AstNode>(document: LangiumDocument<T>, cancellationToken: Cancellation.CancellationToken): Promise<LangiumDocument<T>> {
        // `super.update` reads the text before its first await, so this is the version it parses.
        const version = this.textDocuments?.get(document.uri.toString())?.version;
        const updated = await super.update(document, cancellationToken);
        if (version === undefined) parsedVersions.delete(updated);
        else parsedVersions.set(updated, version);
        return updated;
    }

    protected override createLangiumDocument<T extends AstNode = AstNode>(parseResult: ParseResult<T>, uri: URI, textDocument?: TextDocument, text?: string): LangiumDocument<T> {
        const document = super.createLangiumDocument(parseResult, uri, textDocument, text);
        if (textDocument) parsedVersions.set(document, textDocument.version);
        return document;
    }
}
