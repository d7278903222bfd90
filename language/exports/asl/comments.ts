import type { HitlModel, Raci, Step, TimeoutAction, Workflow } from '../../model/schema.js';
import { lookup } from '../../model/lookup.js';
import { deadlineOf } from '../../model/paths.js';

/**
 * The governance Step Functions cannot enforce, written into `Comment` fields so the exported
 * definition still says it: who is responsible and accountable, the risk, what reviewers must
 * give, the audit record. One line each, plain text.
 */

function raciText(raci: Raci | undefined): string | undefined {
    if (!raci) return undefined;
    const parts = (['responsible', 'accountable', 'consulted', 'informed'] as const).filter((role) => raci[role].length > 0).map((role) => `${role} ${raci[role].join(', ')}`);
    return parts.length > 0 ? `RACI: ${parts.join('; ')}` : undefined;
}

export function actionText(action: TimeoutAction | undefined): string {
    if (!action) return 'nothing';
    if (action.kind !== 'escalate') return action.kind;
    return action.target ? `escalate to ${action.target.id}` : 'escalate';
}

const sentence = (parts: ReadonlyArray<string | undefined | false>) =>
    parts
        .filter((part): part is string => typeof part === 'string' && part.length > 0)
        .map((part) => (part.endsWith('.') ? part : `${part}.`))
        .join(' ');

export function stepComment(model: HitlModel, step: Step): string {
    const title = step.title ? `${step.kind} ${step.id}: ${step.title}` : `${step.kind} ${step.id}`;
    switch (step.kind) {
        case 'ai-step': {
            const aiModel = step.model ? lookup(model).models.get(step.model) : undefined;
            const version = [aiModel?.version && `version ${aiModel.version}`, aiModel?.promptVersion && `prompt ${[aiModel.promptTemplate, aiModel.promptVersion].filter(Boolean).join(' ')}`].filter(Boolean).join(', ');
            return sentence([
                title,
                step.task && `Task ${step.task}`,
                step.model && `Model ${step.model}${version ? ` (${version})` : ''}`,
                step.actor && `Actor ${step.actor}`,
                step.confidenceThreshold !== undefined && `Confidence threshold ${step.confidenceThreshold}`,
                step.explanationRequired && 'An explanation is required with every output',
                step.fallbacks.length > 0 && `Fallbacks: ${step.fallbacks.map((f) => `${f.mode} → ${f.target ?? actionText(f.action)}${f.policy ? ` (policy ${f.policy})` : ''}`).join('; ')}`,
                raciText(step.raci),
            ]);
        }
        case 'gate':
            return sentence([
                title,
                `Reviewers ${step.reviewers.join(', ')}`,
                step.reviewsAiSteps.length > 0 && `Reviews the output of ${step.reviewsAiSteps.join(', ')}`,
                `Allows ${step.allows.join(', ')}`,
                step.rationaleRequired && 'A rationale is required',
                step.fourEyes && 'Four eyes',
                step.noPreselection && 'No action is preselected',
                step.shows.length > 0 && `Shows ${step.shows.join(', ')}`,
                step.sla && `SLA ${step.sla.iso}`,
                step.escalations.length > 0 &&
                    `Escalates on ${step.escalations.map((rule) => `${rule.triggers.join(', ')} to ${rule.target?.id ?? '?'}${rule.within ? ` within ${rule.within.iso}` : ''}`).join('; ')} (raised by the reviewers' tool)`,
                raciText(step.raci),
            ]);
        case 'queue':
            return sentence([title, step.owner && `Owner ${step.owner}`, deadlineOf(step) && `Timeout ${deadlineOf(step)!.iso}`, raciText(step.raci)]);
        case 'decision':
            return sentence([
                title,
                step.decisionKind && `Kind ${step.decisionKind}`,
                step.decidedBy && `Decided by ${step.decidedBy}`,
                step.risk && `Risk ${step.risk}`,
                step.residualRisk && `Residual risk ${step.residualRisk.grade}${step.residualRisk.acceptedBy ? ` accepted by ${step.residualRisk.acceptedBy}` : ''}${step.residualRisk.acceptedOn ? ` on ${step.residualRisk.acceptedOn}` : ''}`,
                step.affectsUserRights && 'Affects user rights',
                step.aboutPeople && 'About people',
                step.veto && `Veto ${step.veto}`,
                step.stage && `Stage ${step.stage}`,
                step.fourEyesCategories.length > 0 && `Four eyes for ${step.fourEyesCategories.join(', ')}`,
                raciText(step.raci),
            ]);
        case 'effect':
            return sentence([title, step.effectKind && `Kind ${step.effectKind}`, step.external && 'External', step.channel && `Channel ${step.channel}`, raciText(step.raci)]);
        case 'automated-step':
            return sentence([title, step.inputs.length > 0 && `Reads ${step.inputs.join(', ')}`, step.masks.length > 0 && `Masks ${step.masks.join(', ')}`, raciText(step.raci)]);
        case 'outcome':
            return sentence([title, step.result && `Result: ${step.result}`]);
    }
}

export function workflowComment(workflow: Workflow): string {
    const audit = workflow.audit;
    return sentence([
        `hitl workflow ${workflow.id}${workflow.version ? ` ${workflow.version}` : ''}${workflow.title ? `: ${workflow.title}` : ''}`,
        `From ${workflow.source.file}`,
        workflow.owner && `Owner ${workflow.owner}`,
        workflow.changeApprover && `Changes approved by ${workflow.changeApprover}`,
        workflow.stage && `Stage ${workflow.stage}`,
        workflow.risk && `Risk ${workflow.risk}`,
        workflow.sla && `SLA ${workflow.sla.iso} (a target, not an execution timeout)`,
        audit && audit.fields.length > 0 && `Audit records ${audit.fields.join(', ')}`,
        audit?.retention && `Audit retention ${audit.retention.iso}`,
        audit?.store && `Audit store ${audit.store}`,
        audit?.masksPersonalData && 'Personal data is masked in the audit record',
        'Placeholders ${…} are filled by DefinitionSubstitutions at deployment',
    ]);
}
