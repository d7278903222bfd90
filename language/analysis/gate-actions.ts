/** The actions a reviewer needs to do more than rubber-stamp: accept, correct, refuse. */
export const REQUIRED_GATE_ACTIONS = ['approve', 'override', 'reject'] as const;

/** The required actions a gate's `allows` lacks; `edit` stands in for `override`. */
export function missingGateActions(allows: readonly string[]): string[] {
    return REQUIRED_GATE_ACTIONS.filter((action) => !(allows.includes(action) || (action === 'override' && allows.includes('edit'))));
}
