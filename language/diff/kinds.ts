import type { RuleMeta } from '../validation/rule.js';

/**
 * The kinds of weakening change `hitl diff` reports as findings, each with a stable code
 * `change/<kind>` and a page in docs/rules/change/<kind>.md. They are not checker rules (they
 * compare two revisions, not one), so they live in a catalogue of their own, which `hitl explain`
 * reads too. The severity is the default: a weakening is an error unless the workflow's version
 * was raised and a change approver is named, and then a warning.
 */
export const CHANGE_KINDS = [
    { kind: 'gate-removed', title: 'A human gate was removed', requirements: ['G01'] },
    { kind: 'gate-bypassed', title: 'A decision or effect can now be reached without a person acting', requirements: ['G01'] },
    { kind: 'risk-lowered', title: "A decision's risk grade was lowered", requirements: ['G14'] },
    { kind: 'user-rights-dropped', title: '`affects user rights` was dropped from a decision', requirements: ['G09', 'G34'] },
    { kind: 'confidence-loosened', title: "An AI step's confidence threshold was lowered or removed", requirements: ['G22'] },
    { kind: 'sla-lengthened', title: 'An SLA or timeout was lengthened or removed', requirements: ['G18'] },
    { kind: 'timeout-toward-approve', title: 'An on-timeout action moved toward approving', requirements: ['G18'] },
    { kind: 'escalation-shortened', title: 'An escalation chain has fewer levels', requirements: ['G19'] },
    { kind: 'escalation-authority-lowered', title: "An escalation chain's final authority is lower", requirements: ['G19'] },
    { kind: 'four-eyes-removed', title: 'Four-eyes review was removed', requirements: ['G06'] },
    { kind: 'rationale-removed', title: 'A gate no longer requires a rationale', requirements: ['G05'] },
    { kind: 'no-preselection-removed', title: 'A gate may now preselect an answer', requirements: ['G05'] },
    { kind: 'fallback-skips-manual', title: 'An AI failure no longer falls back to people', requirements: ['G21'] },
    { kind: 'retention-shortened', title: 'Audit records are kept for less time', requirements: ['G27'] },
    { kind: 'audit-field-removed', title: 'A field is no longer recorded in the audit record', requirements: ['G25'] },
    { kind: 'masking-removed', title: 'Personal data is masked in fewer places', requirements: ['G35'] },
    { kind: 'monitor-removed', title: 'A drift, bias or misuse monitor was removed', requirements: ['G30', 'G32', 'G38'] },
    { kind: 'appeal-removed', title: 'The appeal route was removed', requirements: ['G34'] },
    { kind: 'incident-route-removed', title: 'The incident route, or a notice on it, was removed', requirements: ['G33'] },
    { kind: 'stage-toward-automate', title: 'A rollout stage moved toward automate', requirements: ['G17'] },
    { kind: 'suppression-added', title: 'A finding is newly suppressed', requirements: ['G39'] },
    { kind: 'model-unreviewed', title: 'A model or prompt version changed without a new pre-deployment review', requirements: ['G15', 'G28'] },
] as const;

export type WeakeningKind = (typeof CHANGE_KINDS)[number]['kind'];

/** The change kinds as catalogue entries, for `hitl explain` and SARIF's rule list. */
export const changeCatalogue: readonly RuleMeta[] = CHANGE_KINDS.map(({ kind, title, requirements }) => ({ code: `change/${kind}`, title, severity: 'error', requirements }));

export function findChangeKind(code: string): RuleMeta | undefined {
    return changeCatalogue.find((entry) => entry.code === code);
}
