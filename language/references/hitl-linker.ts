import { Cancellation, DefaultLinker, type AstNodeDescription, type LangiumDocument, type LinkingError, type ReferenceInfo } from 'langium';
import type { HitlCoreServices } from '../hitl-module.js';
import { nearestNames } from './nearest-names.js';
import { visitReferences } from './reference-walk.js';

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

    /** Langium's linking, over the tree walked once (see reference-walk.ts) instead of through a stream per node. */
    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        await visitReferences(document.parseResult.value, cancelToken, (info) => this.doLink(info, document));
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
