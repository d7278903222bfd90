import type { SourceRange } from '../model/schema.js';
import { CHANGE_KINDS, type WeakeningKind } from './kinds.js';

export type ChangeClass = 'weakening' | 'strengthening' | 'neutral';

/** One governance change between two revisions of a workflow (or of a shared declaration). */
export interface Change {
    readonly class: ChangeClass;
    /** A weakening kind (`gate-removed`), or what else happened (`gate-added`, `renamed`, `step-changed`). */
    readonly kind: string;
    /** `change/<kind>`, for weakening changes only: they are findings. */
    readonly code?: string;
    /** For weakening changes: error, or warning when the workflow's version was raised and a change approver is named. */
    readonly severity?: 'error' | 'warning';
    /** The requirement ids (docs/requirements.md) the change touches. */
    readonly requirements: readonly string[];
    /** What changed, as a reader names it: `gate UnderwriterReview`, `audit`, `escalation CreditEscalation`. */
    readonly element: string;
    readonly message: string;
    /** The governing text before and after, as written (absent when the element is absent). */
    readonly before?: string;
    readonly after?: string;
    /** Where the change is in HEAD (the nearest element still there, for a removal); in BASE for a workflow removed. */
    readonly source?: SourceRange;
}

export interface ChangeFacts {
    readonly element: string;
    readonly message: string;
    readonly before?: string;
    readonly after?: string;
    readonly source?: SourceRange;
    /** The requirements this change touches, when narrower than its kind's (a bias monitor: G32). */
    readonly requirements?: readonly string[];
}

const REQUIREMENTS = new Map<string, readonly string[]>(CHANGE_KINDS.map((entry) => [entry.kind, entry.requirements]));

/** A weakening change; its severity is settled per workflow (see diff-models.ts). */
export function weakening(kind: WeakeningKind, facts: ChangeFacts): Change {
    const { requirements, ...rest } = facts;
    return { class: 'weakening', kind, code: `change/${kind}`, severity: 'error', requirements: requirements ?? REQUIREMENTS.get(kind)!, ...rest };
}

/** The opposite of a weakening kind: it touches the same requirements. */
export function strengthening(kind: string, opposite: WeakeningKind, facts: ChangeFacts): Change {
    const { requirements, ...rest } = facts;
    return { class: 'strengthening', kind, requirements: requirements ?? REQUIREMENTS.get(opposite)!, ...rest };
}

export function neutral(kind: string, facts: ChangeFacts, requirements: readonly string[] = []): Change {
    const { requirements: own, ...rest } = facts;
    return { class: 'neutral', kind, requirements: own ?? requirements, ...rest };
}

/**
 * A change of an ordered value: weakening when `rank` grows from before to after, strengthening
 * when it shrinks, nothing when equal.
 */
export function ranked(before: number, after: number, kind: WeakeningKind, opposite: string, facts: (weaker: boolean) => ChangeFacts): Change[] {
    if (after > before) return [weakening(kind, facts(true))];
    if (after < before) return [strengthening(opposite, kind, facts(false))];
    return [];
}
