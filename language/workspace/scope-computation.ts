import { Cancellation, DefaultScopeComputation, interruptAndCheck, MultiMap, type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import { documentNodes, YIELD_EVERY } from '../analysis/document-nodes.js';
import { isDataField, isDataset, isHitlFile } from '../generated/ast.js';

/**
 * Exports every top-level declaration by its name, and dataset fields as `Dataset.field`,
 * so access and masking rules in one file can name personal-data fields declared in another.
 * Top-level declarations are then left out of their file's local symbols: the global index
 * finds them by hash, while local symbols are searched one by one, which made linking a file
 * with thousands of declarations quadratic.
 */
export class HitlScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<AstNodeDescription[]> {
        return this.collectExportedSymbolsForNode(document.parseResult.value, document, exportedChildren, cancelToken);
    }

    /**
     * Langium's, on the node list that linking and validation use next (analysis/document-nodes.ts)
     * rather than a stream; an editor's build yields and checks for cancellation every few hundred
     * nodes (the CLI's cannot be cancelled).
     */
    override async collectLocalSymbols(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<LocalSymbols> {
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        const cancellable = cancelToken !== Cancellation.CancellationToken.None;
        const nodes = documentNodes(document.parseResult.value).all;
        // Index 0 is the root, which Langium's walk leaves out: it is in no container's scope.
        for (let index = 1; index < nodes.length; index++) {
            if (cancellable && index % YIELD_EVERY === 0) await interruptAndCheck(cancelToken);
            this.addLocalSymbol(nodes[index], document, symbols);
        }
        return symbols;
    }

    protected override addLocalSymbol(node: AstNode, document: LangiumDocument, symbols: MultiMap<AstNode, AstNodeDescription>): void {
        if (isHitlFile(node.$container)) return;
        super.addLocalSymbol(node, document, symbols);
    }

    protected override addExportedSymbol(node: AstNode, exports: AstNodeDescription[], document: LangiumDocument): void {
        if (isDataField(node) && isDataset(node.$container) && node.name && node.$container.name) {
            exports.push(this.descriptions.createDescription(node, `${node.$container.name}.${node.name}`, document));
            return;
        }
        super.addExportedSymbol(node, exports, document);
    }
}

function* exportedChildren(root: AstNode): Iterable<AstNode> {
    if (!isHitlFile(root)) return;
    for (const element of root.elements) {
        yield element;
        if (isDataset(element)) yield* element.fields;
    }
}

