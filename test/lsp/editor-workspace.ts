import { Cancellation, DocumentState, isOperationCancelled, URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createEditorTestServices } from '../services.js';

/**
 * A workspace edited the way the language server edits it: texts go into the open text
 * documents and `DocumentBuilder.update` rebuilds what it decides to rebuild. Diagnostics are
 * then compared with a fresh build of the same texts, which is what `hitl check` reports.
 */
export class EditorWorkspace {
    private readonly services = createEditorTestServices();
    private readonly texts = new Map<string, string>();
    private versions = 0;

    private constructor(private readonly root: string) {}

    static async open(root: string, files: Record<string, string>): Promise<EditorWorkspace> {
        const workspace = new EditorWorkspace(root);
        const { shared } = workspace.services;
        const documents: LangiumDocument[] = [];
        for (const [name, text] of Object.entries(files)) {
            const document = shared.workspace.LangiumDocumentFactory.fromTextDocument(workspace.setText(name, text));
            shared.workspace.LangiumDocuments.addDocument(document);
            documents.push(document);
        }
        await shared.workspace.DocumentBuilder.build(documents, shared.workspace.DocumentBuilder.updateBuildOptions);
        return workspace;
    }

    uri(name: string): URI {
        return URI.parse(`file:///${this.root}/${name}`);
    }

    text(name: string): string {
        return this.texts.get(name) ?? '';
    }

    get names(): string[] {
        return [...this.texts.keys()];
    }

    /** Replaces the text of files (new or existing) and lets the builder update; says which files it linked and validated. */
    async edit(files: Record<string, string>): Promise<{ linked: string[]; validated: string[] }> {
        const builder = this.services.shared.workspace.DocumentBuilder;
        const linked: string[] = [];
        const validated: string[] = [];
        const name = (uri: URI) => uri.path.slice(uri.path.lastIndexOf('/') + 1);
        const listeners = [
            builder.onDocumentPhase(DocumentState.Linked, (document) => void linked.push(name(document.uri))),
            builder.onDocumentPhase(DocumentState.Validated, (document) => void validated.push(name(document.uri))),
        ];
        for (const [file, text] of Object.entries(files)) this.setText(file, text);
        try {
            await builder.update(
                Object.keys(files).map((file) => this.uri(file)),
                [],
            );
        } finally {
            listeners.forEach((listener) => listener.dispose());
        }
        return { linked: linked.sort(), validated: validated.sort() };
    }

    /** Like `edit`, but the update is cancelled (as a newer edit would) once `linked` is linked. */
    async editCancelledOnceLinked(files: Record<string, string>, linked: string): Promise<void> {
        const builder = this.services.shared.workspace.DocumentBuilder;
        const cancel = new Cancellation.CancellationTokenSource();
        const listener = builder.onDocumentPhase(DocumentState.Linked, (document) => {
            if (document.uri.toString() === this.uri(linked).toString()) cancel.cancel();
        });
        for (const [name, text] of Object.entries(files)) this.setText(name, text);
        try {
            await builder.update(Object.keys(files).map((name) => this.uri(name)), [], cancel.token);
        } catch (error) {
            if (!isOperationCancelled(error)) throw error;
        } finally {
            listener.dispose();
        }
    }

    async delete(name: string): Promise<void> {
        this.texts.delete(name);
        this.services.shared.workspace.TextDocuments.delete(this.uri(name));
        await this.services.shared.workspace.DocumentBuilder.update([], [this.uri(name)]);
    }

    document(name: string): LangiumDocument | undefined {
        return this.services.shared.workspace.LangiumDocuments.getDocument(this.uri(name));
    }

    diagnostics(name: string): Diagnostic[] {
        return this.services.shared.workspace.LangiumDocuments.getDocument(this.uri(name))?.diagnostics ?? [];
    }

    codes(name: string): string[] {
        return this.diagnostics(name).map((diagnostic) => String(diagnostic.code));
    }

    /** Every file's diagnostics, and what a fresh build of the same texts reports. */
    async compareWithFreshBuild(): Promise<{ editor: Record<string, string[]>; fresh: Record<string, string[]> }> {
        const fresh = await freshDiagnostics(new Map(this.names.map((name) => [this.uri(name).toString(), this.text(name)])));
        const editor = Object.fromEntries(this.names.map((name) => [this.uri(name).toString(), normalise(this.diagnostics(name))]));
        return { editor, fresh };
    }

    private setText(name: string, text: string): TextDocument {
        this.texts.set(name, text);
        const document = TextDocument.create(this.uri(name).toString(), 'hitl', ++this.versions, text);
        this.services.shared.workspace.TextDocuments.set(document);
        return document;
    }
}

/** Diagnostics of a one-shot build of the given texts (by URI), per URI: what `hitl check` reports. */
export async function freshDiagnostics(files: ReadonlyMap<string, string>): Promise<Record<string, string[]>> {
    const { shared } = createEditorTestServices();
    const documents = [...files].map(([uri, text]) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(uri));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return Object.fromEntries(documents.map((document) => [document.uri.toString(), normalise(document.diagnostics ?? [])]));
}

/** One sortable line per diagnostic: everything a user sees, related locations included. */
export function normalise(diagnostics: readonly Diagnostic[]): string[] {
    return diagnostics.map((d) => JSON.stringify([d.range, d.severity, d.code, d.message, d.relatedInformation ?? []])).sort();
}
