import type { EscalationRule, Raci, Step, Workflow } from '../../model/schema.js';

/**
 * Governance the engine cannot enforce, carried on the element it belongs to as
 * `zeebe:properties` (`hitl.*` names) so that nothing declared in `.hitl` is lost in the export.
 */
type Properties = Array<readonly [string, string]>;

export function workflowProperties(workflow: Workflow): Properties {
    const properties: Properties = [];
    const add = (name: string, value: string | undefined) => {
        if (value) properties.push([`hitl.${name}`, value]);
    };
    add('workflow', workflow.id);
    add('version', workflow.version);
    add('owner', workflow.owner);
    add('changeApprover', workflow.changeApprover);
    add('stage', workflow.stage);
    add('risk', workflow.risk);
    add('sla', workflow.sla?.iso);
    add('reviews', workflow.reviews.map((review) => [review.id, review.conclusion, review.expires && `expires ${review.expires}`].filter(Boolean).join(' ')).join('; '));
    add('audit.fields', workflow.audit?.fields.join(', '));
    add('audit.retention', workflow.audit?.retention?.iso);
    add('audit.store', workflow.audit?.store);
    add('audit.masksPersonalData', workflow.audit?.masksPersonalData ? 'true' : undefined);
    add('stop.owners', workflow.stop?.owners.join(', '));
    add('stop.safeState', workflow.stop?.safeState);
    add('appeal.reviewer', workflow.appeal?.reviewer);
    add('appeal.sla', workflow.appeal?.sla?.iso);
    return properties;
}

export function stepProperties(step: Step): Properties {
    const properties: Properties = [['hitl.kind', step.kind]];
    const add = (name: string, value: string | boolean | undefined) => {
        if (value === true) properties.push([`hitl.${name}`, 'true']);
        else if (typeof value === 'string' && value) properties.push([`hitl.${name}`, value]);
    };
    if (step.kind !== 'outcome' && step.raci) addRaci(step.raci, add);
    switch (step.kind) {
        case 'ai-step':
            add('task', step.task);
            add('actor', step.actor);
            add('model', step.model);
            add('inputs', step.inputs.join(', '));
            add('confidenceThreshold', step.confidenceThreshold?.toString());
            add('explanationRequired', step.explanationRequired);
            add('userFacing', step.userFacing);
            add('fallbackPolicies', step.fallbacks.flatMap((fallback) => (fallback.policy ? [`${fallback.mode}: ${fallback.policy}`] : [])).join('; '));
            break;
        case 'gate':
            add('reviewers', step.reviewers.join(', '));
            add('reviews', step.reviewsAiSteps.join(', '));
            add('allows', step.allows.join(', '));
            add('rationaleRequired', step.rationaleRequired);
            add('fourEyes', step.fourEyes);
            add('noPreselection', step.noPreselection);
            add('shows', step.shows.join(', '));
            add('sla', step.sla?.iso);
            add('escalations', escalationRules(step.escalations));
            break;
        case 'queue':
            add('owner', step.owner);
            add('timeout', step.timeout?.iso);
            add('sla', step.sla?.iso);
            add('escalations', escalationRules(step.escalations));
            break;
        case 'automated-step':
            add('inputs', step.inputs.join(', '));
            add('masks', step.masks.join(', '));
            break;
        case 'decision':
            add('decisionKind', step.decisionKind);
            add('decidedBy', step.decidedBy);
            add('risk', step.risk);
            add('residualRisk', step.residualRisk && [step.residualRisk.grade, step.residualRisk.acceptedBy && `accepted by ${step.residualRisk.acceptedBy}`, step.residualRisk.acceptedOn && `on ${step.residualRisk.acceptedOn}`].filter(Boolean).join(' '));
            add('affectsUserRights', step.affectsUserRights);
            add('aboutPeople', step.aboutPeople);
            add('veto', step.veto);
            add('stage', step.stage);
            add('fourEyesCategories', step.fourEyesCategories.join(', '));
            add('appealExemption', step.appealExemption?.reason);
            break;
        case 'effect':
            add('effectKind', step.effectKind);
            add('external', step.external);
            add('channel', step.channel);
            break;
        case 'outcome':
            add('result', step.result);
            break;
    }
    return properties;
}

function addRaci(raci: Raci, add: (name: string, value: string) => void): void {
    add('raci.responsible', raci.responsible.join(', '));
    add('raci.accountable', raci.accountable.join(', '));
    add('raci.consulted', raci.consulted.join(', '));
    add('raci.informed', raci.informed.join(', '));
}

/** `disagreement, high-risk → ClaimsEscalation within PT4H; …`: escalations on events the engine does not see. */
function escalationRules(rules: readonly EscalationRule[]): string {
    return rules.map((rule) => `${rule.triggers.join(', ')} → ${rule.target?.id ?? '?'}${rule.within ? ` within ${rule.within.iso}` : ''}`).join('; ');
}
