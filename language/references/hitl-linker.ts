import { Cancellation, DefaultLinker, interruptAndCheck, type AstNodeDescription, type LangiumDocument, type LinkingError, type ReferenceInfo } from 'langium';
import { DocumentNodes, forEachReference, YIELD_EVERY } from '../analysis/document-nodes.js';
import type { HitlCoreServices } from '../hitl-module.js';
import { nearestNames } from './nearest-names.js';

/** What a reference of each type may name, as a reader says it. */
const KINDS = new Map<string, string>([
    ['Party', 'role, team or AI actor'],
    ['EscalationTarget', 'role, team or escalation'],
    ['Step', 'step'],
    ['AiActor', 'AI actor'],
    ['AiModel', 'model'],
    ['Dataset', 'dataset'],
    ['DataField', 'dataset field'],
    ['Channel', 'channel'],
    ['Policy', 'policy'],
    ['Secret', 'secret'],
]);

/** A linking error with the declared names nearest to the reference's text, for quick fixes. */
export interface HitlLinkingError extends LinkingError {
    readonly suggestions: readonly string[];
}

export function isHitlLinkingError(error: LinkingError): error is HitlLinkingError {
    return Array.isArray((error as Partial<HitlLinkingError>).suggestions);
}

/**
 * Unresolved references say what kind of thing was expected and suggest the nearest declared
 * names of that kind: "No role, team or AI actor named 'Underwritr'; did you mean 'Underwriter'?".
 */
export class HitlLinker extends DefaultLinker {
    constructor(private readonly services: HitlCoreServices) {
        super(services);
    }

    /**
     * Langium's `link` (every reference, in tree order), without a stream per node and an
     * await per node: on a workflow of thousands of steps those cost more than the look-ups.
     * An editor's build still yields and checks for cancellation every few hundred nodes.
     */
    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        const nodes = new DocumentNodes(document.parseResult.value).all;
        const cancellable = cancelToken !== Cancellation.CancellationToken.None;
        for (let index = 0; index < nodes.length; index++) {
            if (cancellable && index % YIELD_EVERY === 0) await interruptAndCheck(cancelToken);
            forEachReference(nodes[index], (info) => this.doLink(info, document));
        }
    }

    override createLinkingError(info: ReferenceInfo, targetDescription?: AstNodeDescription): HitlLinkingError {
        const error = super.createLinkingError(info, targetDescription);
        const type = this.reflection.getReferenceType(info);
        const kind = KINDS.get(type) ?? type.toLowerCase();
        const typed = info.reference.$refText;
        const names = this.services.references.ScopeProvider.getScope(info).getAllElements().map((description) => description.name);
        const suggestions = nearestNames(typed, names);
        const hint = suggestions.length > 0 ? `did you mean ${orList(suggestions.map((name) => `'${name}'`))}?` : 'declare it, or check the spelling.';
        return { ...error, message: `No ${kind} named '${typed}'; ${hint}`, suggestions };
    }
}

function orList(items: string[]): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
