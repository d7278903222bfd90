import type { AstNode, DocumentationProvider } from 'langium';

/** How element kinds are named to a reader, where the type name does not read as words. */
const KINDS = new Map<string, string>(Object.entries({
    AiStep: 'ai step',
    AiActor: 'ai actor',
    AiModel: 'model',
    ManualQueue: 'queue',
    AutomatedStep: 'automated step',
    DataField: 'field',
    DriftMonitor: 'drift monitor',
    BiasSampling: 'bias sampling',
    MisuseMonitor: 'misuse monitor',
}));

export function describeKind(type: string): string {
    return KINDS.get(type) ?? type.toLowerCase();
}

/** Markdown for a named element: its kind, name and title, then its `/** … *\/` documentation. */
export function describeDeclaration(node: AstNode, documentation: DocumentationProvider): string | undefined {
    const name = (node as { name?: unknown }).name;
    if (typeof name !== 'string') return undefined;
    const title = (node as { title?: unknown }).title;
    const heading = `${describeKind(node.$type)} **${name}**${typeof title === 'string' ? ` — ${title}` : ''}`;
    const text = documentation.getDocumentation(node);
    return text ? `${heading}\n\n${text}` : heading;
}
