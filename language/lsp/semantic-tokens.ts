import { AstUtils, type AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver-types';

/** Parties read as types, steps as functions: a reviewer sees at a glance who acts and where items go. */
const TOKEN_TYPES = new Map<string, string>(Object.entries({
    Role: SemanticTokenTypes.type,
    Team: SemanticTokenTypes.type,
    AiActor: SemanticTokenTypes.class,
    Channel: SemanticTokenTypes.interface,
    AiModel: SemanticTokenTypes.namespace,
    Dataset: SemanticTokenTypes.struct,
    DataField: SemanticTokenTypes.property,
    Policy: SemanticTokenTypes.enum,
    Secret: SemanticTokenTypes.variable,
    Escalation: SemanticTokenTypes.event,
    Workflow: SemanticTokenTypes.namespace,
    AiStep: SemanticTokenTypes.function,
    Gate: SemanticTokenTypes.function,
    ManualQueue: SemanticTokenTypes.function,
    AutomatedStep: SemanticTokenTypes.function,
    Decision: SemanticTokenTypes.function,
    Effect: SemanticTokenTypes.function,
    Outcome: SemanticTokenTypes.enumMember,
}));

export class HitlSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const declared = TOKEN_TYPES.get(node.$type);
        if (declared && typeof (node as { name?: unknown }).name === 'string') {
            acceptor({ node, property: 'name' as never, type: declared, modifier: SemanticTokenModifiers.declaration });
        }
        for (const reference of AstUtils.streamReferences(node)) {
            const target = 'ref' in reference.reference ? reference.reference.ref : undefined;
            const type = target ? TOKEN_TYPES.get(target.$type) : undefined;
            if (type) {
                acceptor({ node: reference.container, property: reference.property as never, index: reference.index, type });
            }
        }
    }
}
