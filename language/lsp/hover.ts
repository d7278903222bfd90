import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { MultilineCommentHoverProvider, type LangiumServices, type LangiumSharedServices } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver-protocol';
import type { Position, Range } from 'vscode-languageserver-types';
import { isSuppression } from '../generated/ast.js';
import { ruleCard } from '../documentation/rule-docs.js';
import { describeDeclaration } from './declarations.js';
import { rulePagesOf } from './language-server.js';

/**
 * Hover shows, for the element under the cursor, its kind, name and title with its `/** … *\/`
 * documentation; and for every diagnostic at the cursor (or a `suppress "code"`), the rule's card.
 */
export class HitlHoverProvider extends MultilineCommentHoverProvider {
    private readonly shared: LangiumSharedServices;

    constructor(services: LangiumServices) {
        super(services);
        this.shared = services.shared;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const parts: string[] = [];
        const codes = new Set<string>();
        for (const diagnostic of document.diagnostics ?? []) {
            if (typeof diagnostic.code === 'string' && contains(diagnostic.range, params.position)) codes.add(diagnostic.code);
        }
        const suppressed = this.suppressedCodeAt(document, params.position);
        if (suppressed) codes.add(suppressed);
        for (const code of codes) {
            const card = ruleCard(code, rulePagesOf(this.shared).link(code));
            if (card) parts.push(card);
        }
        const element = await super.getHoverContent(document, params);
        if (element && typeof element.contents === 'object' && 'value' in element.contents) parts.push(element.contents.value);
        if (parts.length === 0) return undefined;
        return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
    }

    protected override getAstNodeHoverContent(node: AstNode): string | undefined {
        return describeDeclaration(node, this.documentationProvider);
    }

    private suppressedCodeAt(document: LangiumDocument, position: Position): string | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(position));
        const suppression = leaf && AstUtils.getContainerOfType(leaf.astNode, isSuppression);
        if (!suppression || !leaf || leaf.tokenType.name !== 'STRING') return undefined;
        return suppression.code;
    }
}

function contains(range: Range, position: Position): boolean {
    const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
    const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
    return afterStart && beforeEnd;
}
