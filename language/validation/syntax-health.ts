import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import { isWorkflow, type Workflow } from '../generated/ast.js';

/** Where a document's syntax errors are: in which workflows, and whether any is outside every workflow. */
interface SyntaxHealth {
    readonly errors: number;
    readonly brokenWorkflows: ReadonlySet<Workflow>;
    readonly brokenOutside: boolean;
}

/** Computed once per parse, in O((errors + workflows) · log workflows): rules ask for every finding. */
const healthOf = new WeakMap<LangiumDocument['parseResult'], SyntaxHealth>();

function syntaxHealth(document: LangiumDocument): SyntaxHealth {
    const { parseResult } = document;
    let health = healthOf.get(parseResult);
    if (!health) {
        const offsets = [
            ...parseResult.lexerErrors.map((error) => error.offset),
            // A parser error at the end of the file has no offset of its own.
            ...parseResult.parserErrors.map((error) => (Number.isFinite(error.token.startOffset) ? error.token.startOffset : document.textDocument.getText().length)),
        ];
        // Top-level workflows, in text order: each error falls in at most one of them.
        const workflows = AstUtils.streamContents(parseResult.value)
            .filter(isWorkflow)
            .filter((workflow) => workflow.$cstNode !== undefined)
            .toArray();
        const brokenWorkflows = new Set<Workflow>();
        let brokenOutside = false;
        for (const offset of offsets) {
            const workflow = workflowAt(workflows, offset);
            if (workflow) brokenWorkflows.add(workflow);
            else brokenOutside = true;
        }
        health = { errors: offsets.length, brokenWorkflows, brokenOutside };
        healthOf.set(parseResult, health);
    }
    return health;
}

/** The last workflow starting at or before `offset`, if it also ends at or after it. */
function workflowAt(workflows: readonly Workflow[], offset: number): Workflow | undefined {
    let low = 0;
    let high = workflows.length;
    while (low < high) {
        const middle = (low + high) >> 1;
        if (workflows[middle].$cstNode!.offset <= offset) low = middle + 1;
        else high = middle;
    }
    const candidate = workflows[low - 1];
    return candidate && offset <= candidate.$cstNode!.end ? candidate : undefined;
}

/** Whether a document has any lexing or parsing error. */
export function hasSyntaxErrors(document: LangiumDocument): boolean {
    return syntaxHealth(document).errors > 0;
}

/**
 * Whether the text an element was read from may be incomplete because of a syntax error:
 * an element of a workflow is when that workflow, or the file outside any workflow (where
 * the roles, models and escalations it uses are declared), has one; any other element is
 * when its file has one. Recovery drops what it cannot read, so a rule that reasons about
 * what is missing would report the dropped part as absent.
 */
export function mayBeIncomplete(node: AstNode): boolean {
    const health = syntaxHealth(AstUtils.getDocument(node));
    if (health.errors === 0) return false;
    const workflow = AstUtils.getContainerOfType(node, isWorkflow);
    if (!workflow?.$cstNode) return true;
    return health.brokenOutside || health.brokenWorkflows.has(workflow);
}
