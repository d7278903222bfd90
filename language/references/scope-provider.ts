import { AstUtils, DefaultScopeProvider, type ReferenceInfo, type Scope } from 'langium';
import { localScope } from './local-scopes.js';

/**
 * Langium's scope provider with local scopes found by name (see local-scopes.ts); the global
 * scope is Langium's, or whatever `getGlobalScope` an override gives.
 */
export class HitlScopeProvider extends DefaultScopeProvider {
    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        const symbols = AstUtils.getDocument(context.container).localSymbols;
        return localScope(symbols, context.container, referenceType, this.reflection, this.getGlobalScope(referenceType, context));
    }
}
