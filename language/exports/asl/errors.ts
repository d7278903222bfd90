import type { FailureMode } from '../../model/vocabulary.js';

/**
 * The error names an AI step's function raises (as its Lambda error type) for each failure mode,
 * and the service errors that count as the same mode. `low-confidence` is not an error: the
 * function answers with its confidence and a Choice state compares it with the threshold.
 * `error` is anything else the task fails with (`States.ALL`).
 */
export const AI_FAILURE_ERRORS = {
    unavailable: ['Hitl.Unavailable', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException', 'States.Timeout'],
    'abnormal-output': ['Hitl.AbnormalOutput'],
    error: ['Hitl.Error'],
} as const satisfies Partial<Record<FailureMode, readonly string[]>>;

/** Transient service errors every Lambda task retries before its `Catch` applies. */
export const TRANSIENT_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'];

/** The errors of the Fail states that end a case without an outcome step (`denied`, `paused`, …). */
export const ENDING_ERRORS = {
    denied: 'Hitl.Denied',
    paused: 'Hitl.Paused',
    rejected: 'Hitl.Rejected',
    stopped: 'Hitl.Stopped',
} as const;

/**
 * How a failed execution ended, in the words of a route scenario (`denied`, `failed:unavailable`):
 * from the error it failed with. Undefined for an error the export never raises.
 */
export function endingOfError(error: string): string | undefined {
    for (const [ending, name] of Object.entries(ENDING_ERRORS)) if (name === error) return ending;
    for (const [mode, names] of Object.entries(AI_FAILURE_ERRORS)) if ((names as readonly string[]).includes(error)) return `failed:${mode}`;
    return undefined;
}
