import { AstUtils, type ReferenceInfo, type Scope } from 'langium';
import { IndexedGlobalScopeProvider } from '../workspace/global-scope.js';
import { localScope } from './local-scopes.js';

/**
 * Langium's scope provider with local scopes found by name (see local-scopes.ts) and the global
 * scope read from the index (see workspace/global-scope.ts): neither is rebuilt per lookup or edit.
 */
export class HitlScopeProvider extends IndexedGlobalScopeProvider {
    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        const symbols = AstUtils.getDocument(context.container).localSymbols;
        return localScope(symbols, context.container, referenceType, this.reflection, this.getGlobalScope(referenceType, context));
    }
}
