import type { AiModel, Channel, Dataset, Declarations, Escalation, HitlModel, Party, Policy, Secret } from './schema.js';

/**
 * The shared declarations by id, built once per model: consumers look declarations up per
 * step and per workflow, and a workspace of a thousand workflows holds thousands of them.
 */
export interface Lookup {
    readonly parties: ReadonlyMap<string, Party>;
    readonly channels: ReadonlyMap<string, Channel>;
    readonly models: ReadonlyMap<string, AiModel>;
    readonly datasets: ReadonlyMap<string, Dataset>;
    readonly policies: ReadonlyMap<string, Policy>;
    readonly secrets: ReadonlyMap<string, Secret>;
    readonly escalations: ReadonlyMap<string, Escalation>;
}

const lookups = new WeakMap<Declarations, Lookup>();

const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((item) => [item.id, item]));

export function lookup(model: HitlModel): Lookup {
    const declarations = model.declarations;
    let found = lookups.get(declarations);
    if (!found) {
        found = {
            parties: byId(declarations.parties),
            channels: byId(declarations.channels),
            models: byId(declarations.models),
            datasets: byId(declarations.datasets),
            policies: byId(declarations.policies),
            secrets: byId(declarations.secrets),
            escalations: byId(declarations.escalations),
        };
        lookups.set(declarations, found);
    }
    return found;
}

/** The declarations of the given ids, in the order of the ids; unknown ids are skipped. */
export function pick<T>(map: ReadonlyMap<string, T>, ids: readonly string[]): T[] {
    return ids.flatMap((id) => {
        const item = map.get(id);
        return item === undefined ? [] : [item];
    });
}
