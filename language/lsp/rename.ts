import { AstUtils, CstUtils, type AstNode, type Grammar, type IndexManager, type LangiumDocument } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
// ResponseError from the package the connection comes from: the protocol package at the top of
// node_modules may be another copy, whose errors the connection would send as results.
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Position, Range, RenameParams, TextDocumentPositionParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { isDataField, isDataset, isHitlFile, type DataField } from '../generated/ast.js';
import { describeKind } from './declarations.js';
import { nameRules } from './names.js';

/**
 * Langium's rename, aware of `Dataset.field` references (renaming a field rewrites only the
 * part after the dot, renaming a dataset also rewrites the part before it, and the cursor on
 * that part renames the dataset), and refusing a new
 * name the grammar would not read as one, or one already taken where names must be unique.
 */
export class HitlRenameProvider extends DefaultRenameProvider {
    private readonly grammar: Grammar;
    private readonly indexManager: IndexManager;

    constructor(services: LangiumServices) {
        super(services);
        this.grammar = services.Grammar;
        this.indexManager = services.shared.workspace.IndexManager;
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const target = this.targetAt(document, params.position);
        if (!target) return undefined;
        const newName = params.newName;
        if ((target as { name?: unknown }).name === newName) return { changes: {} };
        this.checkNewName(target, newName);
        if (isDataField(target)) return this.renameField(target, newName);
        const changes: Record<string, TextEdit[]> = {};
        for (const reference of this.references.findReferences(target, { includeDeclaration: true })) {
            (changes[reference.sourceUri.toString()] ??= []).push({ range: reference.segment.range, newText: newName });
        }
        if (isDataset(target)) {
            for (const field of target.fields) {
                for (const reference of this.references.findReferences(field, { includeDeclaration: false })) {
                    const { start } = reference.segment.range;
                    const prefixEnd = { line: start.line, character: start.character + target.name.length };
                    (changes[reference.sourceUri.toString()] ??= []).push({ range: { start, end: prefixEnd }, newText: newName });
                }
            }
        }
        return { changes };
    }

    override async prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Promise<Range> {
        const range = await super.prepareRename(document, params);
        if (!range) throw refusal('Only names can be renamed: place the cursor on the name of a declaration or on a reference to one that exists.');
        return range;
    }

    /** Throws the message the editor shows when the new name cannot be used. */
    private checkNewName(target: AstNode, newName: unknown): void {
        const rules = nameRules(this.grammar);
        const shown = JSON.stringify(newName);
        if (typeof newName !== 'string' || !rules.isIdentifier(newName)) {
            throw refusal(`${shown} is not a valid name: a name starts with a letter or _ and has only letters, digits and _ (no spaces).`);
        }
        // Field names may be words of the language (`field decision`); other names may not.
        if (!isDataField(target) && rules.isKeyword(newName)) {
            throw refusal(`${shown} is a keyword of the .hitl language and cannot name a ${describeKind(target.$type)}.`);
        }
        const taken = this.declarationNamed(target, newName);
        if (taken) throw refusal(`${shown} is already the name of ${taken}; names must be unique.`);
    }

    /** Where the name is taken in the namespace of the target: the workspace for top-level declarations, else its block. */
    private declarationNamed(target: AstNode, name: string): string | undefined {
        if (isHitlFile(target.$container)) {
            const other = this.indexManager.allElements().find((description) => description.name === name);
            if (!other) return undefined;
            const path = other.documentUri.path;
            return `a ${describeKind(other.type)} in ${path.slice(path.lastIndexOf('/') + 1)}`;
        }
        const sibling = target.$container && AstUtils.streamContents(target.$container).find((node) => node !== target && (node as { name?: unknown }).name === name);
        return sibling ? `a ${describeKind(sibling.$type)} in the same ${describeKind(target.$container!.$type)}` : undefined;
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

    private targetAt(document: LangiumDocument, position: Position): AstNode | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(position);
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, this.grammarConfig.nameRegexp);
        if (!leaf) return undefined;
        const target = this.references.findDeclarations(leaf)[0];
        // In `Applications.income` the part before the dot names the dataset, not the field.
        if (isDataField(target) && isDataset(target.$container) && leaf.text !== target.name && leaf.text === target.$container.name) return target.$container;
        return target;
    }
}

function refusal(message: string): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestFailed, message);
}
