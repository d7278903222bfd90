import { hasPeople, stepOf } from '../model/paths.js';
import type { AiStep, Decision, Gate, ManualQueue, Route, SourceRange, Step, Workflow } from '../model/schema.js';
import { FAILURE_MODES, riskRank, ROLLOUT_STAGES } from '../model/vocabulary.js';
import { neutral, ranked, strengthening, weakening, type Change } from './change.js';
import { contentOf } from './renames.js';
import { actionText, durationText, fallbackText } from './wording.js';

/** The changes to the steps of one workflow: steps removed, added and changed (HEAD already renamed to BASE's ids). */
export function stepChanges(base: Workflow, head: Workflow): Change[] {
    const changes: Change[] = [];
    for (const before of base.steps) {
        const after = stepOf(head, before.id);
        if (!after) changes.push(removed(before, base, head));
        else if (contentOf(before) !== contentOf(after)) {
            const found = before.kind === after.kind ? changedStep(before, after, base, head) : [];
            changes.push(...(found.length > 0 ? found : [neutral('step-changed', { element: elementName(after), message: `${elementName(after)}: ${changedKeys(before, after).join(', ')} changed; no governed value of the step itself did.`, source: after.source })]));
        }
    }
    for (const after of head.steps) {
        if (stepOf(base, after.id)) continue;
        const facts = { element: elementName(after), message: `${elementName(after)} was added.`, after: elementName(after), source: after.source };
        changes.push(after.kind === 'gate' ? strengthening('gate-added', 'gate-removed', facts) : neutral('step-added', facts));
    }
    return changes;
}

function changedKeys(before: Step, after: Step): string[] {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.filter((key) => contentOf((before as Record<string, unknown>)[key] ?? null) !== contentOf((after as Record<string, unknown>)[key] ?? null));
}

export function elementName(step: Step): string {
    const kinds: Record<Step['kind'], string> = { 'ai-step': 'ai step', 'automated-step': 'automated step', decision: 'decision', gate: 'gate', queue: 'queue', effect: 'effect', outcome: 'outcome' };
    return `${kinds[step.kind]} ${step.id}`;
}

function removed(before: Step, base: Workflow, head: Workflow): Change {
    // A removal has no place in HEAD: the annotation goes where an item used to be routed from, else on the workflow.
    const routedFrom = base.steps.filter((step) => step.kind !== 'outcome' && step.routes.some((route) => route.target === before.id)).map((step) => stepOf(head, step.id)).find((step) => step !== undefined);
    const source = routedFrom?.source ?? head.source;
    if (before.kind === 'gate') {
        return weakening('gate-removed', { element: elementName(before), message: `Gate '${before.id}' (reviewer ${before.reviewers.join(', ') || 'none'}) was removed: its review no longer happens.`, before: gateSummary(before), source });
    }
    return neutral('step-removed', { element: elementName(before), message: `${elementName(before)} was removed.`, before: elementName(before), source });
}

function gateSummary(gate: Gate): string {
    return [`gate ${gate.id}`, `reviewer ${gate.reviewers.join(', ')}`, ...(gate.sla ? [`sla ${durationText(gate.sla)}`] : [])].join(' · ');
}

function changedStep(before: Step, after: Step, base: Workflow, head: Workflow): Change[] {
    if (before.kind === 'gate' && after.kind === 'gate') return [...gateChanges(before, after), ...timeoutChanges(before, after, base, head)];
    if (before.kind === 'queue' && after.kind === 'queue') return [...queueChanges(before, after), ...timeoutChanges(before, after, base, head)];
    if (before.kind === 'ai-step' && after.kind === 'ai-step') return aiStepChanges(before, after, base, head);
    if (before.kind === 'decision' && after.kind === 'decision') return decisionChanges(before, after);
    if (before.kind === 'automated-step' && after.kind === 'automated-step') return maskChanges(before.masks, after.masks, `automated step ${after.id}`, after.source);
    return [];
}

/** A flag a gate requires: removing it weakens, adding it strengthens. */
function flag(before: boolean, after: boolean, kind: 'rationale-removed' | 'four-eyes-removed' | 'no-preselection-removed', added: string, text: string, element: string, source: SourceRange): Change[] {
    if (before && !after) return [weakening(kind, { element, message: `${element} no longer has \`${text}\`.`, before: text, source })];
    if (!before && after) return [strengthening(added, kind, { element, message: `${element} now has \`${text}\`.`, after: text, source })];
    return [];
}

function gateChanges(before: Gate, after: Gate): Change[] {
    const element = `gate ${after.id}`;
    return [
        ...flag(before.rationaleRequired, after.rationaleRequired, 'rationale-removed', 'rationale-required', 'rationale required', element, after.source),
        ...flag(before.fourEyes, after.fourEyes, 'four-eyes-removed', 'four-eyes-added', 'four-eyes', element, after.source),
        ...flag(before.noPreselection, after.noPreselection, 'no-preselection-removed', 'no-preselection-added', 'no preselection', element, after.source),
        ...slaChanges(before.sla?.seconds, after.sla?.seconds, 'sla', element, after.source, durationText(before.sla), durationText(after.sla)),
    ];
}

function queueChanges(before: ManualQueue, after: ManualQueue): Change[] {
    const element = `queue ${after.id}`;
    return [
        ...slaChanges(before.sla?.seconds, after.sla?.seconds, 'sla', element, after.source, durationText(before.sla), durationText(after.sla)),
        ...slaChanges(before.timeout?.seconds, after.timeout?.seconds, 'timeout', element, after.source, durationText(before.timeout), durationText(after.timeout)),
    ];
}

/** A time limit: longer (or none) weakens, shorter strengthens. */
export function slaChanges(before: number | undefined, after: number | undefined, word: string, element: string, source: SourceRange, beforeText: string, afterText: string): Change[] {
    return ranked(before ?? Infinity, after ?? Infinity, 'sla-lengthened', 'sla-shortened', (weaker) => ({
        element,
        message: `${element}: ${word} ${weaker ? (after === undefined ? 'removed' : 'lengthened') : 'shortened'} from ${beforeText} to ${afterText}.`,
        before: `${word} ${beforeText}`,
        after: `${word} ${afterText}`,
        source,
    }));
}

/**
 * How close an on-timeout outcome is to approving the item unseen: denying fails closed,
 * escalating or pausing keeps it with people, a route on to a step without people or `skip`
 * lets it pass unreviewed, `approve` approves it.
 */
export function timeoutRank(action: string | undefined): number {
    return action === 'deny' ? 0 : action === 'skip' ? 2 : action === 'approve' ? 3 : 1;
}

function timeoutOf(step: Step, workflow: Workflow): { rank: number; text: string } {
    const route = step.kind === 'outcome' ? undefined : step.routes.find((r): r is Extract<Route, { kind: 'on' }> => r.kind === 'on' && r.event === 'timeout');
    if (!route) return { rank: timeoutRank(undefined), text: '(no on timeout route)' };
    if (route.action) return { rank: timeoutRank(route.action.kind), text: `on timeout ${actionText(route.action)}` };
    const target = route.target ? stepOf(workflow, route.target) : undefined;
    return { rank: target && !hasPeople(target) ? timeoutRank('skip') : timeoutRank(undefined), text: `on timeout -> ${route.target ?? '?'}` };
}

function timeoutChanges(before: Step, after: Step, base: Workflow, head: Workflow): Change[] {
    const [was, is] = [timeoutOf(before, base), timeoutOf(after, head)];
    const element = elementName(after);
    return ranked(was.rank, is.rank, 'timeout-toward-approve', 'timeout-toward-deny', (weaker) => ({
        element,
        message: `${element}: on timeout ${weaker ? 'moved toward approving' : 'moved toward denying'} (${was.text} → ${is.text}).`,
        before: was.text,
        after: is.text,
        source: after.source,
    }));
}

/** A fallback is manual when it hands the item to people (a gate or queue) or keeps it with them (escalate, pause, deny). */
function isManual(fallback: AiStep['fallbacks'][number] | undefined, workflow: Workflow): boolean {
    if (!fallback) return false;
    if (fallback.action) return timeoutRank(fallback.action.kind) <= 1;
    const target = fallback.target ? stepOf(workflow, fallback.target) : undefined;
    return target !== undefined && hasPeople(target);
}

function aiStepChanges(before: AiStep, after: AiStep, base: Workflow, head: Workflow): Change[] {
    const element = `ai step ${after.id}`;
    const changes = ranked(-(before.confidenceThreshold ?? -Infinity), -(after.confidenceThreshold ?? -Infinity), 'confidence-loosened', 'confidence-tightened', (weaker) => ({
        element,
        message: `${element}: confidence threshold ${after.confidenceThreshold === undefined ? `removed (was ${before.confidenceThreshold})` : `${weaker ? 'lowered' : 'raised'} from ${before.confidenceThreshold ?? 'none'} to ${after.confidenceThreshold}`}.`,
        before: `confidence threshold ${before.confidenceThreshold ?? 'none'}`,
        after: `confidence threshold ${after.confidenceThreshold ?? 'none'}`,
        source: after.source,
    }));
    for (const mode of FAILURE_MODES) {
        const [was, is] = [before.fallbacks.find((f) => f.mode === mode), after.fallbacks.find((f) => f.mode === mode)];
        const [wasManual, isManualNow] = [isManual(was, base), isManual(is, head)];
        if (wasManual === isManualNow) continue;
        const facts = { element, before: fallbackText(was, mode), after: fallbackText(is, mode), source: after.source };
        changes.push(
            wasManual
                ? weakening('fallback-skips-manual', { ...facts, message: `${element}: on ${mode} no longer falls back to people (${facts.before} → ${facts.after}).` })
                : strengthening('fallback-to-manual', 'fallback-skips-manual', { ...facts, message: `${element}: on ${mode} now falls back to people (${facts.after}).` }),
        );
    }
    return changes;
}

function decisionChanges(before: Decision, after: Decision): Change[] {
    const element = `decision ${after.id}`;
    const changes = ranked(-riskRank(before.risk), -riskRank(after.risk), 'risk-lowered', 'risk-raised', (weaker) => ({
        element,
        message: `${element}: risk ${weaker ? 'lowered' : 'raised'} from ${before.risk ?? 'none'} to ${after.risk ?? 'none'}.`,
        before: `risk ${before.risk ?? 'none'}`,
        after: `risk ${after.risk ?? 'none'}`,
        source: after.source,
    }));
    if (before.affectsUserRights !== after.affectsUserRights) {
        const facts = { element, source: after.source, before: before.affectsUserRights ? 'affects user rights' : undefined, after: after.affectsUserRights ? 'affects user rights' : undefined };
        changes.push(
            before.affectsUserRights
                ? weakening('user-rights-dropped', { ...facts, message: `${element} no longer says it affects user rights: appeal and human-decision duties stop applying to it.` })
                : strengthening('user-rights-added', 'user-rights-dropped', { ...facts, message: `${element} now says it affects user rights.` }),
        );
    }
    changes.push(...stageChanges(before.stage, after.stage, element, after.source));
    const dropped = before.fourEyesCategories.filter((category) => !after.fourEyesCategories.includes(category));
    if (dropped.length > 0) {
        changes.push(weakening('four-eyes-removed', { element, message: `${element}: four-eyes no longer required for ${dropped.join(', ')}.`, before: `four-eyes for ${before.fourEyesCategories.join(', ')}`, after: after.fourEyesCategories.length > 0 ? `four-eyes for ${after.fourEyesCategories.join(', ')}` : undefined, source: after.source }));
    }
    return changes;
}

export function stageChanges(before: string | undefined, after: string | undefined, element: string, source: SourceRange): Change[] {
    const rank = (stage: string | undefined) => (stage === undefined ? -1 : ROLLOUT_STAGES.indexOf(stage as (typeof ROLLOUT_STAGES)[number]));
    if (before === undefined || after === undefined) return [];
    return ranked(rank(before), rank(after), 'stage-toward-automate', 'stage-toward-shadow', (weaker) => ({
        element,
        message: `${element}: rollout stage moved ${weaker ? 'toward automate' : 'back'} (${before} → ${after}).`,
        before: `stage ${before}`,
        after: `stage ${after}`,
        source,
    }));
}

/** Masked fields: one no longer masked weakens, one newly masked strengthens. */
export function maskChanges(before: readonly string[], after: readonly string[], element: string, source: SourceRange): Change[] {
    const dropped = before.filter((field) => !after.includes(field));
    const added = after.filter((field) => !before.includes(field));
    const facts = { element, before: before.length > 0 ? `masks ${before.join(', ')}` : undefined, after: after.length > 0 ? `masks ${after.join(', ')}` : undefined, source };
    return [
        ...(dropped.length > 0 ? [weakening('masking-removed', { ...facts, message: `${element}: ${dropped.join(', ')} no longer masked.` })] : []),
        ...(added.length > 0 ? [strengthening('masking-added', 'masking-removed', { ...facts, message: `${element}: ${added.join(', ')} now masked.` })] : []),
    ];
}
