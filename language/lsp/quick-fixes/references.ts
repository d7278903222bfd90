import { AstUtils, isReference, type ReferenceInfo } from 'langium';
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { isWorkflow } from '../../generated/ast.js';
import { appendToBlock, type QuickFixContext, type QuickFixes } from './quick-fix.js';

/** Minimal declarations, as the formatter writes them, for what a reference of each type may name. */
const DECLARATIONS = new Map<string, ReadonlyArray<{ kind: string; lines: (name: string) => string[] }>>([
    ['Party', [block('role'), block('team')]],
    ['EscalationTarget', [block('escalation'), block('role')]],
    ['AiActor', [block('ai actor')]],
    ['AiModel', [block('model')]],
    ['Dataset', [block('dataset')]],
    ['Channel', [block('channel')]],
    ['Policy', [block('policy')]],
    ['Secret', [{ kind: 'secret', lines: (name) => [`secret ${name} from "<secret store reference>"`] }]],
]);

function block(kind: string) {
    return { kind, lines: (name: string) => [`${kind} ${name} { }`] };
}

/**
 * For a reference to something not declared: replace it with each nearest declared name of
 * the right kind, or declare it: at the end of the file, or (a step) in its workflow.
 */
export const referenceFixes: QuickFixes = {
    'reference/unresolved': (context) => {
        const info = unresolvedReferenceAt(context);
        const range = info?.reference.$refNode?.range;
        if (!info || !range) return undefined;
        const name = info.reference.$refText;
        const suggestions = (context.diagnostic.data as { suggestions?: readonly string[] } | undefined)?.suggestions ?? [];
        const replacements = suggestions.map((suggestion) => action(context, `Replace with '${suggestion}'`, [{ range, newText: suggestion }]));
        const declarations = declarationsFor(context, info, name);
        const actions = [...replacements, ...declarations];
        return actions.map((a, index) => ({ ...a, isPreferred: index === 0 }));
    },
};

function unresolvedReferenceAt(context: QuickFixContext): ReferenceInfo | undefined {
    const start = context.diagnostic.range.start;
    return AstUtils.streamReferences(context.node).find((info) => {
        const at = info.reference.$refNode?.range.start;
        return at !== undefined && at.line === start.line && at.character === start.character && isReference(info.reference) && info.reference.ref === undefined;
    });
}

function declarationsFor(context: QuickFixContext, info: ReferenceInfo, name: string): CodeAction[] {
    // Qualified names (Dataset.field) are declared inside their dataset, by hand.
    if (!/^[_a-zA-Z]\w*$/.test(name)) return [];
    const type = context.services.shared.AstReflection.getReferenceType(info);
    if (type === 'Step') {
        const workflow = AstUtils.getContainerOfType(info.container, isWorkflow);
        const edit = workflow && appendToBlock(context.document, workflow, ['', `outcome ${name}`]);
        return edit ? [action(context, `Declare outcome ${name} in workflow '${workflow.name}'`, [edit])] : [];
    }
    return (DECLARATIONS.get(type) ?? []).map(({ kind, lines }) => action(context, `Declare ${kind} ${name}`, [atEndOfFile(context, lines(name))]));
}

function atEndOfFile(context: QuickFixContext, lines: string[]): TextEdit {
    const text = context.document.textDocument.getText();
    const end = context.document.textDocument.positionAt(text.length);
    const separator = text.length === 0 ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    return { range: { start: end, end }, newText: `${separator}${lines.join('\n')}\n` };
}

function action(context: QuickFixContext, title: string, edits: TextEdit[]): CodeAction {
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [context.diagnostic], edit: { changes: { [context.document.uri.toString()]: edits } } };
}
