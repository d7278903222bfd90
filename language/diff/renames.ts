import type { Escalation, HitlModel, Party, Step, Workflow } from '../model/schema.js';

/**
 * Renames between two revisions: an element whose id is only in BASE and one whose id is only
 * in HEAD, with the same content once ids and references are renamed, are one element renamed
 * (when exactly one such pair has that content). HEAD is then read with BASE's ids, so a rename
 * with every use renamed compares equal and is reported once, as a rename.
 */

/** The keys whose values are ids of other elements (or the element's own id). */
const REFERENCE_KEYS = new Set([
    'id',
    'target',
    'actor',
    'inputs',
    'reviewers',
    'reviews',
    'reviewsAiSteps',
    'owner',
    'owners',
    'changeApprover',
    'start',
    'responsible',
    'accountable',
    'consulted',
    'informed',
    'decidedBy',
    'acceptedBy',
    'veto',
    'approver',
    'party',
    'parties',
    'members',
    'people',
    'alerts',
    'covers',
    'reviewer',
    'operator',
    'retrainingApprover',
    'fourEyesCategories',
    'escalations',
]);

/** Keys that say where an element is written or what the checker found: not its content. */
const NOT_CONTENT = new Set(['id', 'source', 'findings', 'usedBy']);

export type RenameMap = ReadonlyMap<string, string>;

/** A copy of `value` with every reference in `map` renamed (HEAD id → BASE id). */
export function withRenames<T>(value: T, map: RenameMap): T {
    if (map.size === 0) return value;
    const rename = (node: unknown, key: string | undefined): unknown => {
        if (typeof node === 'string') return key !== undefined && REFERENCE_KEYS.has(key) ? (map.get(node) ?? node) : node;
        if (Array.isArray(node)) return node.map((item) => rename(item, key));
        if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rename(v, k)]));
        return node;
    };
    return rename(value, undefined) as T;
}

/** The content of an element: everything but its own id, where it is written and what was found. */
export function contentOf(value: unknown): string {
    return JSON.stringify(value, (key, v: unknown) => (NOT_CONTENT.has(key) ? undefined : v));
}

/**
 * Pairs the elements only in BASE with those only in HEAD whose content, with the renames known
 * so far and the candidate's own id renamed, is the same. Repeats until no new pair is found,
 * since one rename can make another element's content equal (a gate routing to a renamed step).
 */
function matchRenames<T extends { id: string }>(base: readonly T[], head: readonly T[], known: Map<string, string>): void {
    for (let found = true; found; ) {
        found = false;
        const headIds = new Set(head.map((item) => item.id));
        const renamedTo = new Set(known.values());
        const onlyBase = base.filter((item) => !headIds.has(item.id) && !renamedTo.has(item.id));
        const onlyHead = head.filter((item) => !base.some((b) => b.id === item.id) && !known.has(item.id));
        for (const candidate of onlyHead) {
            const matches = onlyBase.filter((b) => contentOf(b) === contentOf(withRenames(candidate, new Map([...known, [candidate.id, b.id]]))));
            if (matches.length !== 1) continue;
            const rivals = onlyHead.filter((other) => other !== candidate && contentOf(matches[0]) === contentOf(withRenames(other, new Map([...known, [other.id, matches[0].id]]))));
            if (rivals.length > 0) continue;
            known.set(candidate.id, matches[0].id);
            found = true;
            break;
        }
    }
}

export interface Renames {
    /** Parties and shared escalations: HEAD id → BASE id, across the workspace. */
    readonly shared: RenameMap;
    /** Steps and local escalations, per workflow id. */
    readonly local: ReadonlyMap<string, RenameMap>;
}

export function findRenames(base: HitlModel, head: HitlModel): Renames {
    const shared = new Map<string, string>();
    matchRenames<Party>(base.declarations.parties, head.declarations.parties, shared);
    matchRenames<Escalation>(base.declarations.escalations, withRenames(head.declarations.escalations, shared), shared);
    const local = new Map<string, Map<string, string>>();
    for (const workflow of head.workflows) {
        const before = base.workflows.find((w) => w.id === workflow.id);
        if (!before) continue;
        const renamed = withRenames(workflow, shared);
        const map = new Map<string, string>();
        matchRenames<Escalation>(before.escalations, renamed.escalations, map);
        matchRenames<Step>(before.steps, withRenames(renamed.steps, map), map);
        // Escalations again: one may name a renamed step no more than a step names a renamed escalation, but a chain can hand over to a renamed chain.
        matchRenames<Escalation>(before.escalations, withRenames(renamed.escalations, map), map);
        if (map.size > 0) local.set(workflow.id, map);
    }
    return { shared, local };
}

/** HEAD with BASE's ids wherever an element was renamed. */
export function renamedHead(head: HitlModel, renames: Renames): HitlModel {
    const model = withRenames(head, renames.shared);
    const workflows: Workflow[] = model.workflows.map((workflow) => withRenames(workflow, renames.local.get(workflow.id) ?? new Map()));
    return { ...model, workflows };
}
