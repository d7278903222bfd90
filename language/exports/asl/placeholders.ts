import type { Json } from './definition.js';

/**
 * Resource names the export cannot know: written as `${Name}` placeholders, the syntax of
 * CloudFormation's and SAM's `DefinitionSubstitutions`, so a deployment fills them in; or
 * replaced at export time from the export configuration.
 */

/** The function an AI step invokes. */
export const aiFunction = (step: string) => `AiFunctionArn_${step}`;
/** The function an automated step invokes. */
export const stepFunction = (step: string) => `StepFunctionArn_${step}`;
/** The function an effect invokes. */
export const effectFunction = (step: string) => `EffectFunctionArn_${step}`;
/** The SQS queue a party's review tasks (with their task tokens) are sent to. */
export const reviewQueue = (party: string) => `ReviewQueueUrl_${party}`;

export const placeholder = (name: string) => `\${${name}}`;

const PLACEHOLDER = /^\$\{([^}]+)\}$/;

/** The placeholder names a definition uses, sorted: what a deployment must provide. */
export function placeholdersOf(value: unknown): string[] {
    const names = new Set<string>();
    const visit = (node: unknown): void => {
        if (typeof node === 'string') {
            const match = PLACEHOLDER.exec(node);
            if (match) names.add(match[1]);
        } else if (Array.isArray(node)) node.forEach(visit);
        else if (node !== null && typeof node === 'object') Object.values(node).forEach(visit);
    };
    visit(value);
    return [...names].sort();
}

/** The value with every `${Name}` that `values` names replaced; the others are kept. */
export function substitute<T extends Json>(value: T, values: Readonly<Record<string, string>>): T {
    const visit = (node: Json): Json => {
        if (typeof node === 'string') {
            const match = PLACEHOLDER.exec(node);
            return match && Object.hasOwn(values, match[1]) ? values[match[1]] : node;
        }
        if (Array.isArray(node)) return node.map(visit);
        if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, visit(item)]));
        return node;
    };
    return visit(value) as T;
}
