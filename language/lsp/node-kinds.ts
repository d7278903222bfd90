import type { AstNode, AstNodeDescription } from 'langium';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver-types';
import type { NodeKindProvider } from 'langium/lsp';

const SYMBOLS = new Map<string, SymbolKind>(Object.entries({
    Workflow: SymbolKind.Module,
    Role: SymbolKind.Class,
    Team: SymbolKind.Class,
    AiActor: SymbolKind.Class,
    Channel: SymbolKind.Interface,
    AiModel: SymbolKind.Object,
    Dataset: SymbolKind.Struct,
    DataField: SymbolKind.Field,
    Policy: SymbolKind.Enum,
    Secret: SymbolKind.Key,
    Escalation: SymbolKind.Event,
    AiStep: SymbolKind.Function,
    Gate: SymbolKind.Function,
    ManualQueue: SymbolKind.Function,
    AutomatedStep: SymbolKind.Function,
    Decision: SymbolKind.Function,
    Effect: SymbolKind.Function,
    Outcome: SymbolKind.EnumMember,
    DriftMonitor: SymbolKind.Property,
    BiasSampling: SymbolKind.Property,
    MisuseMonitor: SymbolKind.Property,
    Evaluation: SymbolKind.Event,
}));

const COMPLETIONS = new Map<SymbolKind, CompletionItemKind>([
    [SymbolKind.Module, CompletionItemKind.Module],
    [SymbolKind.Class, CompletionItemKind.Class],
    [SymbolKind.Interface, CompletionItemKind.Interface],
    [SymbolKind.Object, CompletionItemKind.Value],
    [SymbolKind.Struct, CompletionItemKind.Struct],
    [SymbolKind.Field, CompletionItemKind.Field],
    [SymbolKind.Enum, CompletionItemKind.Enum],
    [SymbolKind.Key, CompletionItemKind.Constant],
    [SymbolKind.Event, CompletionItemKind.Event],
    [SymbolKind.Function, CompletionItemKind.Function],
    [SymbolKind.EnumMember, CompletionItemKind.EnumMember],
    [SymbolKind.Property, CompletionItemKind.Property],
]);

/** Outline and completion icons: parties as classes, steps as functions, outcomes as enum members. */
export class HitlNodeKindProvider implements NodeKindProvider {
    getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        const type = 'type' in node ? node.type : node.$type;
        return SYMBOLS.get(type) ?? SymbolKind.Field;
    }

    getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return COMPLETIONS.get(this.getSymbolKind(node)) ?? CompletionItemKind.Reference;
    }
}
