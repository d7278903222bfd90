import type { AstNode } from 'langium';
import { isDecision, isEffect, isEscalation, isGate, isManualQueue, type Gate, type Party, type Step, type Workflow } from '../generated/ast.js';
import { chainOf, escalationReferencesOf, stepNoun } from './escalation.js';
import { resolved } from './oversight.js';
import { quoted } from '../util/names.js';
import { keptWhileValidating } from './validation-memo.js';

/**
 * Every duty a party has in a workflow, and the permissions each duty uses: what the
 * least-privilege rule counts, and what makes a party part of a decision for the appeal rule.
 */

/** What a reviewer can do to an item: the permissions a gate's `allows` grants. */
export const REVIEW_PERMISSIONS = ['approve', 'override', 'reject', 'edit'] as const;

/** Deciding an item, or an appeal against it: accept, overrule, refuse (no editing of the AI's output). */
const DECIDING_PERMISSIONS = ['approve', 'override', 'reject'] as const;

export type DutyKind =
    | 'reviewer'
    | 'queue-owner'
    | 'escalation'
    | 'decider'
    | 'veto'
    | 'effect'
    | 'stop'
    | 'appeal'
    | 'incident'
    | 'bias'
    | 'alert'
    | 'retraining';

export interface Duty {
    readonly kind: DutyKind;
    /** Who holds the duty: a role, a team (every member holds it) or an AI actor. */
    readonly party: Party;
    /** What the party does, for messages: `reviews gate 'Review'`. */
    readonly what: string;
    /** Where the duty is written (possibly in another file, for an escalation level). */
    readonly node: AstNode;
    /** The permissions of the access block the duty uses, beyond `view` and `read`. */
    readonly permissions: readonly string[];
    /** For a gate's reviewers and the escalation levels it reaches: the gate whose `allows` bound them. */
    readonly gate?: Gate;
}

/** The review permissions a gate allows; a gate that declares no `allows` is oversight/gate-actions' finding, and counts as allowing all. */
function reviewPermissionsOf(gate: Gate): readonly string[] {
    if (gate.allows.length === 0) return REVIEW_PERMISSIONS;
    return REVIEW_PERMISSIONS.filter((permission) => gate.allows.includes(permission));
}

/**
 * The duties of a workflow, in the order they are written: gate reviewers (the review actions
 * the gate allows), manual queue owners (every review action: they handle the item by hand),
 * every level of every escalation chain a step reaches, through `on timeout escalate to`
 * hand-overs and across files (the permissions of the step escalated from: a gate's allowed
 * actions, every review action from other steps), deciders (`decided by`), veto holders,
 * the Responsible of effects (`execute` for execute and commit effects, `publish` for publish
 * and notify), stop owners (`halt`), the appeal reviewer, incident recipients, bias reviewers,
 * drift and misuse alert recipients (no permission beyond `view`), the retraining approver
 * (`retrain`). Linear in the workflow and the chains it reaches; kept only while the workflow's
 * file is validated (several rules ask), because chains and teams in other files can change
 * between checks.
 */
export const dutiesOf = keptWhileValidating((workflow: Workflow): readonly Duty[] => {
    const duties: Duty[] = [];
    const add = (kind: DutyKind, party: Party | undefined, what: string, node: AstNode, permissions: readonly string[], gate?: Gate) => {
        if (party) duties.push({ kind, party, what, node, permissions, gate });
    };
    for (const step of workflow.steps) {
        if (isGate(step)) {
            for (const reviewer of resolved(step.reviewers)) add('reviewer', reviewer, `reviews gate ${quoted(step.name)}`, step, reviewPermissionsOf(step), step);
        } else if (isManualQueue(step)) {
            add('queue-owner', step.owner?.ref, `owns queue ${quoted(step.name)}`, step, REVIEW_PERMISSIONS);
        } else if (isDecision(step)) {
            add('decider', step.decidedBy?.ref, `decides ${quoted(step.name)}`, step, DECIDING_PERMISSIONS);
            add('veto', step.veto?.ref, `holds the veto on ${quoted(step.name)}`, step, ['veto']);
        } else if (isEffect(step)) {
            const permission = step.kind === 'execute' || step.kind === 'commit' ? 'execute' : step.kind === 'publish' || step.kind === 'notify' ? 'publish' : undefined;
            for (const responsible of resolved(step.raci?.responsible ?? [])) {
                add('effect', responsible, `is responsible for effect ${quoted(step.name)}`, step, permission ? [permission] : []);
            }
        }
        addEscalations(step, add);
    }
    const stop = workflow.stop;
    if (stop) for (const owner of resolved(stop.owners)) add('stop', owner, `may stop workflow ${quoted(workflow.name)}`, stop, ['halt']);
    const appeal = workflow.appeal;
    if (appeal) add('appeal', appeal.reviewer?.ref, `hears appeals in workflow ${quoted(workflow.name)}`, appeal, DECIDING_PERMISSIONS);
    for (const notice of workflow.incident?.notices ?? []) add('incident', notice.party?.ref, 'is notified of incidents', notice, []);
    for (const bias of workflow.monitoring?.bias ?? []) add('bias', bias.reviewer?.ref, `reviews bias samples ${quoted(bias.name)}`, bias, []);
    for (const drift of workflow.monitoring?.drift ?? []) for (const party of resolved(drift.alerts)) add('alert', party, `is alerted by drift monitor ${quoted(drift.name)}`, drift, []);
    for (const misuse of workflow.monitoring?.misuse ?? []) for (const party of resolved(misuse.alerts)) add('alert', party, `is alerted by misuse monitor ${quoted(misuse.name)}`, misuse, []);
    const feedback = workflow.feedback;
    if (feedback) add('retraining', feedback.retrainingApprover?.ref, 'approves retraining', feedback, ['retrain']);
    return duties;
});

type AddDuty = (kind: DutyKind, party: Party | undefined, what: string, node: AstNode, permissions: readonly string[], gate?: Gate) => void;

/** Whoever a step's escalations reach acts on the item in the place of the step's handler. */
function addEscalations(step: Step, add: AddDuty): void {
    const gate = isGate(step) ? step : undefined;
    const permissions = gate ? reviewPermissionsOf(gate) : REVIEW_PERMISSIONS;
    const from = `${stepNoun(step).toLowerCase()} ${quoted(step.name)}`;
    for (const reference of escalationReferencesOf(step)) {
        const target = reference.target;
        if (isEscalation(target)) {
            chainOf(target).levels.forEach((level, index) => {
                add('escalation', level.party, `is level ${index + 1} of escalation ${quoted(target.name)} from ${from}`, level.node, permissions, gate);
            });
        } else {
            add('escalation', target, `receives escalations from ${from}`, reference.node, permissions, gate);
        }
    }
}
