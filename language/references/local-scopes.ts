import { stream, type AstNode, type AstNodeDescription, type AstReflection, type LocalSymbols, type Scope, type Stream } from 'langium';

/**
 * A container's local symbols, found by name through a map. Langium's local scope searches a
 * container's symbols one by one for every reference, which made linking a workflow of n steps
 * that name each other cost n² (issue 12). Same answers as Langium's: the first symbol of that
 * name whose type fits the reference, else the enclosing scope; case-sensitive.
 */
export class LocalMapScope implements Scope {
    constructor(
        private readonly byName: ReadonlyMap<string, readonly AstNodeDescription[]>,
        private readonly all: readonly AstNodeDescription[],
        private readonly fits: (description: AstNodeDescription) => boolean,
        private readonly outer: Scope,
    ) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.byName.get(name)?.find(this.fits) ?? this.outer.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.byName.get(name) ?? []).filter(this.fits).concat(this.outer.getElements(name));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.all).filter(this.fits).concat(this.outer.getAllElements());
    }
}

/** A container's local symbols in order, and by name. */
interface ContainerSymbols {
    readonly all: readonly AstNodeDescription[];
    readonly byName: ReadonlyMap<string, readonly AstNodeDescription[]>;
}

/** Name maps per container, kept with the document's local symbols: recomputed symbols get new maps. */
const indexes = new WeakMap<LocalSymbols, Map<AstNode, ContainerSymbols>>();

function symbolsOf(symbols: LocalSymbols, container: AstNode): ContainerSymbols {
    let index = indexes.get(symbols);
    if (!index) indexes.set(symbols, (index = new Map()));
    let found = index.get(container);
    if (!found) {
        const all = symbols.getStream(container).toArray();
        const byName = new Map<string, AstNodeDescription[]>();
        for (const description of all) {
            const same = byName.get(description.name);
            if (same) same.push(description);
            else byName.set(description.name, [description]);
        }
        index.set(container, (found = { all, byName }));
    }
    return found;
}

/**
 * The scope of a reference made in `container`: the local symbols of each enclosing container
 * (innermost first, so inner declarations shadow outer ones) around `global`.
 */
export function localScope(
    symbols: LocalSymbols | undefined,
    container: AstNode,
    referenceType: string,
    reflection: AstReflection,
    global: Scope,
): Scope {
    const containers: AstNode[] = [];
    for (let current: AstNode | undefined = container; current && symbols; current = current.$container) {
        if (symbols.has(current)) containers.push(current);
    }
    const fits = (description: AstNodeDescription) => reflection.isSubtype(description.type, referenceType);
    let scope = global;
    for (let i = containers.length - 1; i >= 0; i--) {
        const { byName, all } = symbolsOf(symbols!, containers[i]);
        scope = new LocalMapScope(byName, all, fits, scope);
    }
    return scope;
}
