import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { createHitlCoreServices } from '../language/hitl-module.js';
import { createHitlServices } from '../language/lsp/lsp-module.js';
import type { HitlFile } from '../language/generated/ast.js';

/** Fresh core services (parse, link, validate) over an in-memory file system. */
export function createTestServices() {
    return createHitlCoreServices({ ...EmptyFileSystem, now: () => new Date() });
}

/** Fresh services with the editor features (hover, completion, quick fixes, formatting). */
export function createEditorTestServices() {
    return createHitlServices({ ...EmptyFileSystem, now: () => new Date() });
}

let counter = 0;

/**
 * Parses and validates several files as one workspace (names → text); returns the documents
 * in the order given. Each call uses fresh services, so workspaces never leak into each other.
 */
export async function buildWorkspace(files: Record<string, string>): Promise<Array<LangiumDocument<HitlFile>>> {
    const { shared } = createTestServices();
    const documents = Object.entries(files).map(([name, text]) => {
        const uri = URI.parse(`file:///workspace-${++counter}/${name}`);
        const document = shared.workspace.LangiumDocumentFactory.fromString<HitlFile>(text, uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return documents;
}

/** Parses and validates one file on its own. */
export async function buildDocument(text: string): Promise<LangiumDocument<HitlFile>> {
    const [document] = await buildWorkspace({ 'test.hitl': text });
    return document;
}
