import { ValidationRegistry, type AstNode, type ValidationAcceptor, type ValidationCategory, type ValidationCheck } from 'langium';
import type { Cancellation } from 'langium';

/**
 * Langium's registry, made cheap per node: a check that returns no promise is run without
 * one (Langium wraps every check in two async functions, a few million promises for a large
 * workspace), and the list of checks for a type is built once instead of as a stream per node.
 * Errors are handled as Langium handles them.
 */
export class HitlValidationRegistry extends ValidationRegistry {
    private readonly checksByType = new Map<string, readonly ValidationCheck[]>();

    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node: AstNode, accept: ValidationAcceptor, cancelToken: Cancellation.CancellationToken) => {
            let result: unknown;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (error) {
                return this.handleException(() => { throw error; }, 'An error occurred during validation', accept, node);
            }
            // An asynchronous check keeps Langium's handling of its rejection.
            if (result instanceof Promise) return this.handleException(() => result as Promise<void>, 'An error occurred during validation', accept, node);
            return undefined;
        };
    }

    protected override addEntry(type: string, entry: { check: ValidationCheck; category: ValidationCategory }): void {
        super.addEntry(type, entry);
        this.checksByType.clear();
    }

    /** The checks for a node type in the categories given (all when none are), kept until a check is registered. */
    checksFor(type: string, categories?: ValidationCategory[]): readonly ValidationCheck[] {
        const key = categories ? `${type} ${categories.join(' ')}` : type;
        let checks = this.checksByType.get(key);
        if (!checks) {
            checks = this.getChecks(type, categories).toArray();
            this.checksByType.set(key, checks);
        }
        return checks;
    }
}
