import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import { isWorkflow, type Workflow } from '../generated/ast.js';

/** Where a document's syntax errors start, in offsets; computed once per parse. */
const errorOffsets = new WeakMap<LangiumDocument['parseResult'], readonly number[]>();

function syntaxErrorOffsets(document: LangiumDocument): readonly number[] {
    const { parseResult } = document;
    let offsets = errorOffsets.get(parseResult);
    if (!offsets) {
        offsets = [
            ...parseResult.lexerErrors.map((error) => error.offset),
            // A parser error at the end of the file has no offset of its own.
            ...parseResult.parserErrors.map((error) => (Number.isFinite(error.token.startOffset) ? error.token.startOffset : document.textDocument.getText().length)),
        ];
        errorOffsets.set(parseResult, offsets);
    }
    return offsets;
}

/** Whether a document has any lexing or parsing error. */
export function hasSyntaxErrors(document: LangiumDocument): boolean {
    return syntaxErrorOffsets(document).length > 0;
}

/**
 * Whether the text an element was read from may be incomplete because of a syntax error:
 * an element of a workflow is when that workflow, or the file outside any workflow (where
 * the roles, models and escalations it uses are declared), has one; any other element is
 * when its file has one. Recovery drops what it cannot read, so a rule that reasons about
 * what is missing would report the dropped part as absent.
 */
export function mayBeIncomplete(node: AstNode): boolean {
    const document = AstUtils.getDocument(node);
    const offsets = syntaxErrorOffsets(document);
    if (offsets.length === 0) return false;
    const workflow = AstUtils.getContainerOfType(node, isWorkflow);
    if (!workflow?.$cstNode) return true;
    const workflows = document.parseResult.value.$cstNode ? workflowsOf(document) : [];
    return offsets.some((offset) => contains(workflow, offset) || !workflows.some((other) => contains(other, offset)));
}

function workflowsOf(document: LangiumDocument): Workflow[] {
    return AstUtils.streamContents(document.parseResult.value).filter(isWorkflow).toArray();
}

function contains(workflow: Workflow, offset: number): boolean {
    const cst = workflow.$cstNode;
    return cst !== undefined && offset >= cst.offset && offset <= cst.end;
}
