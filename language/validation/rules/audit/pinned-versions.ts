import { isAiActor, isAiStep, type AiModel, type AiStep } from '../../../generated/ast.js';
import type { HitlCoreServices } from '../../../hitl-module.js';
import { referencingNodes } from '../../referencing.js';
import { defineRule, type Report } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { joinCapped } from '../../../analysis/caps.js';

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

/**
 * The finding is on the model's version (or its name, when it declares none), the text to
 * change; the AI steps that use the model are related locations, wherever they are declared.
 */
export const modelVersionsMustBePinned = defineRule({
    code: 'audit/pinned-versions',
    title: 'Models and prompts used by AI steps have pinned versions',
    severity: 'error',
    requirements: ['G28'],
    // A model's finding comes from the AI steps, in other files, that use it (directly or through an AI actor).
    crossFile: { referrersOf: ['AiModel'] },
    checks: (services) => ({
        AiModel: (model, report) => {
            const versionProblem = unpinned(model.version);
            const promptProblem = model.promptTemplate === undefined ? undefined : unpinned(model.promptVersion);
            // Most models are pinned: the workspace-wide search for their users is only for a finding.
            if (!versionProblem && !promptProblem) return;
            const steps = aiStepsUsing(model, services);
            if (steps.length === 0) return;
            if (versionProblem) checkVersion(model, 'version', 'version', versionProblem, steps, report);
            if (promptProblem) checkVersion(model, 'promptVersion', 'prompt version', promptProblem, steps, report);
        },
    }),
});

function checkVersion(model: AiModel, property: 'version' | 'promptVersion', keyword: string, problem: string, steps: readonly AiStep[], report: Report): void {
    const users = steps.map((step) => `AI step ${quoted(step.name)}`);
    const shown = joinCapped(users, ', ', 3);
    report({
        node: model,
        property: model[property] === undefined ? 'name' : property,
        message: `Model ${quoted(model.name)} ${problem === 'declares none' ? `declares no ${keyword}` : `has a ${keyword} that ${problem}`}, and ${shown} ${users.length === 1 ? 'uses' : 'use'} it; write the exact ${keyword} in use ('${keyword} "<exact version>"') so every record can be reproduced.`,
        related: steps.map((step) => ({ node: step, message: `AI step ${quoted(step.name)} uses model ${quoted(model.name)}` })),
    });
}

/** The AI steps that use a model, directly or through their AI actor, by file and position. */
function aiStepsUsing(model: AiModel, services: HitlCoreServices): AiStep[] {
    const steps = new Set<AiStep>();
    for (const source of referencingNodes(model, services)) {
        if (isAiStep(source)) steps.add(source);
        if (isAiActor(source)) referencingNodes(source, services).filter(isAiStep).forEach((step) => steps.add(step));
    }
    return [...steps];
}
