import { lookup } from './lookup.js';
import { escalationOf } from './paths.js';
import type { DataField, Dataset, Escalation, EscalationRef, EscalationTarget, HitlModel, Party, Step, Workflow } from './schema.js';

/** Facts about who acts where and what data a workflow handles, read from the model. */

export function partyOf(model: HitlModel, id: string | undefined): Party | undefined {
    return id === undefined ? undefined : lookup(model).parties.get(id);
}

/** A party and, for a team, the roles and AI actors it stands for. */
export function partyAndPeople(model: HitlModel, id: string): string[] {
    const party = partyOf(model, id);
    return party?.kind === 'team' ? [id, ...party.people] : [id];
}

/** Where a step hands items on to someone else: its `escalate on … to …` rules and `on <event> escalate to …` routes, in the order written. */
export function escalationTargetsOf(step: Step): EscalationTarget[] {
    const targets: EscalationTarget[] = [];
    if (step.kind === 'gate' || step.kind === 'queue') {
        for (const rule of step.escalations) if (rule.target) targets.push(rule.target);
    }
    if (step.kind !== 'outcome') {
        for (const route of step.routes) if (route.kind === 'on' && route.action?.kind === 'escalate' && route.action.target) targets.push(route.action.target);
    }
    return targets;
}

/** Every escalation chain a workflow's steps enter, each once, in the order first met. */
export function escalationsEnteredBy(model: HitlModel, workflow: Workflow): Escalation[] {
    const seen = new Map<string, Escalation>();
    for (const step of workflow.steps) {
        for (const target of escalationTargetsOf(step)) {
            if (target.kind !== 'escalation') continue;
            const escalation = escalationOf(model, workflow, target);
            if (!escalation) continue;
            // A chain's hand-overs are on its expanded chain; the chains it passes through are entered too.
            for (const member of [target, ...escalation.chain.escalations]) {
                const entered = escalationOf(model, workflow, member);
                if (entered) seen.set(refKey(member), entered);
            }
        }
    }
    return [...seen.values()];
}

export function refKey(ref: EscalationRef): string {
    return `${ref.scope}:${ref.id}`;
}

/**
 * The parties who may act on an item at a gate or queue: its reviewers or owner, every party
 * on the escalation chains it hands items to, and the people a team among them stands for.
 * Sorted.
 */
export function partiesActingAt(model: HitlModel, workflow: Workflow, step: Step): string[] {
    const direct: string[] = [];
    if (step.kind === 'gate') direct.push(...step.reviewers);
    if (step.kind === 'queue' && step.owner) direct.push(step.owner);
    for (const target of escalationTargetsOf(step)) {
        if (target.kind === 'party') direct.push(target.id);
        else for (const level of escalationOf(model, workflow, target)?.chain.levels ?? []) if (level.party) direct.push(level.party);
    }
    return [...new Set(direct.flatMap((id) => partyAndPeople(model, id)))].sort();
}

export interface FieldFacts {
    /** `Dataset.field` */
    readonly id: string;
    readonly dataset: Dataset;
    readonly field: DataField;
    /** Written to the audit record only as a hash or redacted: masked `in audit`, or personal under `mask personal data`. */
    readonly maskedInAudit: boolean;
}

export function datasetOf(model: HitlModel, id: string): Dataset | undefined {
    return lookup(model).datasets.get(id);
}

/** The datasets a workflow's steps read, each once, in the order first read. */
export function datasetsReadBy(workflow: Workflow): string[] {
    const ids: string[] = [];
    for (const step of workflow.steps) if (step.kind === 'ai-step' || step.kind === 'automated-step') ids.push(...step.inputs);
    return [...new Set(ids)];
}

/**
 * Every field of the datasets the workflow reads, and whether the audit record may hold it only
 * masked: a field an access rule masks `in audit`, and every personal field when the audit
 * block says `mask personal data` (an `unmask … for <role>` lets those people see a field; it
 * does not put it in the record).
 */
export function fieldsReadBy(model: HitlModel, workflow: Workflow): FieldFacts[] {
    const maskedInAudit = new Set((workflow.access?.masks ?? []).filter((rule) => rule.scopes.includes('audit')).flatMap((rule) => rule.fields));
    const all = workflow.audit?.masksPersonalData ?? false;
    const facts: FieldFacts[] = [];
    for (const id of datasetsReadBy(workflow)) {
        const dataset = datasetOf(model, id);
        for (const field of dataset?.fields ?? []) {
            const qualified = `${id}.${field.id}`;
            facts.push({ id: qualified, dataset: dataset!, field, maskedInAudit: (field.personal && all) || maskedInAudit.has(qualified) });
        }
    }
    return facts;
}
