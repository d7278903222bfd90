import type { AiModel } from '../../../generated/ast.js';
import { defineRule } from '../../rule.js';

const MOVING_TAG = /\b(latest|newest|current|stable|head|main|master|default)\b/i;

/** Why a version string does not name one exact version, or undefined when it does. */
export function unpinned(version: string | undefined): string | undefined {
    if (version === undefined) return 'declares none';
    const text = version.trim();
    if (text === '') return 'is empty';
    if (MOVING_TAG.test(text)) return `is "${version}", a moving tag`;
    if (/^[\^~<>=!]/.test(text) || text.includes('||') || /\s-\s/.test(text)) return `is "${version}", a range`;
    if (text.split(/[.\-+_]/).some((part) => part === '*' || part.toLowerCase() === 'x')) return `is "${version}", a wildcard`;
    return undefined;
}

function problemsOf(model: AiModel): string[] {
    const problems: string[] = [];
    const version = unpinned(model.version);
    if (version) problems.push(`its version ${version}`);
    if (model.promptTemplate !== undefined) {
        const prompt = unpinned(model.promptVersion);
        if (prompt) problems.push(`its prompt version ${prompt}`);
    }
    return problems;
}

export const modelVersionsMustBePinned = defineRule({
    code: 'audit/pinned-versions',
    title: 'Models and prompts used by AI steps have pinned versions',
    severity: 'error',
    requirements: ['G28'],
    checks: {
        AiStep: (step, report) => {
            const uses: Array<{ model: AiModel; property: 'model' | 'actor'; via: string }> = [];
            const direct = step.model?.ref;
            if (direct) uses.push({ model: direct, property: 'model', via: '' });
            const actor = step.actor?.ref;
            const actorModel = actor?.model?.ref;
            if (actor && actorModel && actorModel !== direct) uses.push({ model: actorModel, property: 'actor', via: ` through actor '${actor.name}'` });
            for (const { model, property, via } of uses) {
                const problems = problemsOf(model);
                if (problems.length === 0) continue;
                report({
                    node: step,
                    property,
                    message: `AI step '${step.name}' uses model '${model.name}'${via}, and ${problems.join(', and ')}; pin exact versions in the model (version "4.2.1"${model.promptTemplate !== undefined ? ', prompt version "2.0.0"' : ''}) so every record can be reproduced.`,
                    related: [{ node: model, message: `model '${model.name}'` }],
                });
            }
        },
    },
});
