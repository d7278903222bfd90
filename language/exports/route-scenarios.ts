import type { GateAction } from '../model/vocabulary.js';

/**
 * One route through a workflow, stated as what happens at each step the first time a case
 * reaches it: the data the export tests drive every engine with (the simulator, bpmn-engine,
 * aws-local-stepfunctions) and the outcome all of them must reach. A step not named takes its
 * default: an AI step answers with high confidence, a gate approves, a queue completes, a
 * step that branches takes its first branch. A step reached again (a loop) takes its default.
 */
export interface RouteScenario {
    /** Readable, unique within a workflow: `UnderwriterReview times out, level 2 acts`. */
    readonly name: string;
    readonly choices: Readonly<Record<string, RouteChoice>>;
    /** The outcome step id, or how the case ends otherwise: `denied`, `paused`, `rejected`, `failed:<mode>`. */
    readonly expected: string;
}

export type RouteChoice =
    /** An AI step's answer; when it answers (`ok`) and its routes branch, `branch` as for a decision. */
    | { readonly kind: 'ai'; readonly result: 'ok' | 'low-confidence' | 'unavailable' | 'abnormal-output' | 'error'; readonly branch?: number }
    /** A gate: the reviewer's action, or `timeout` (the SLA fires); after a timeout into an
     * escalation chain, `levelsTimingOut` levels time out and the next one approves; when it
     * equals the chain's length, the chain's own final action applies. */
    | { readonly kind: 'gate'; readonly action: GateAction | 'timeout'; readonly levelsTimingOut?: number }
    | { readonly kind: 'queue'; readonly action: 'complete' | 'timeout'; readonly levelsTimingOut?: number }
    /** A decision, or an automated step or effect whose routes branch: the index of the branch taken among its `when`/`otherwise` routes, in declared order. */
    | { readonly kind: 'decision'; readonly branch: number };
