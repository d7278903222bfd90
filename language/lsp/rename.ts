import { CstUtils, type LangiumDocument } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import type { RenameParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { isDataField, isDataset, type DataField } from '../generated/ast.js';

/**
 * Langium's rename, aware of `Dataset.field` references: renaming a field rewrites only the
 * part after the dot, renaming a dataset also rewrites the part before it.
 */
export class HitlRenameProvider extends DefaultRenameProvider {
    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const target = this.targetAt(document, params);
        if (isDataField(target)) return this.renameField(target, params.newName);
        const edit = await super.rename(document, params);
        if (edit?.changes && isDataset(target)) {
            for (const field of target.fields) {
                for (const reference of this.references.findReferences(field, { includeDeclaration: false })) {
                    const { start } = reference.segment.range;
                    const prefixEnd = { line: start.line, character: start.character + target.name.length };
                    (edit.changes[reference.sourceUri.toString()] ??= []).push({ range: { start, end: prefixEnd }, newText: params.newName });
                }
            }
        }
        return edit;
    }

    private renameField(field: DataField, newName: string): WorkspaceEdit {
        const changes: Record<string, TextEdit[]> = {};
        for (const reference of this.references.findReferences(field, { includeDeclaration: true })) {
            const { start, end } = reference.segment.range;
            // References read `Dataset.field`; only the field part changes.
            const fieldStart = { line: end.line, character: Math.max(start.character, end.character - field.name.length) };
            (changes[reference.sourceUri.toString()] ??= []).push({ range: { start: fieldStart, end }, newText: newName });
        }
        return { changes };
    }

    private targetAt(document: LangiumDocument, params: RenameParams) {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, this.grammarConfig.nameRegexp);
        return leaf ? this.references.findDeclarations(leaf)[0] : undefined;
    }
}
