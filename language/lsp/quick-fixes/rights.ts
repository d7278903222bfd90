import { isChannel, isEffect, isRole, isTeam, isWorkflow, type Channel, type HitlFile, type Party, type Workflow } from '../../generated/ast.js';
import type { HitlServices } from '../../hitl-module.js';
import { aiStepsOf } from '../../analysis/governance.js';
import { involvementsOf } from '../../analysis/appeals.js';
import { partiesOverlap } from '../../analysis/governance.js';
import { appendToBlock, enclosing, quickFix, type QuickFixes } from './quick-fix.js';

/**
 * The channel people affected by the workflow already hear from (that of its first external
 * effect), or else a declared portal or appeals channel.
 */
function customerChannel(workflow: Workflow, services: HitlServices, root: HitlFile): Channel | undefined {
    const used = workflow.steps.filter(isEffect).find((effect) => effect.external && effect.channel?.ref)?.channel?.ref;
    if (used) return used;
    const declared = [...root.elements, ...[...services.shared.workspace.IndexManager.allElements()].map((description) => description.node)].filter(isChannel);
    return declared.find((channel) => channel.kind === 'portal') ?? declared.find((channel) => /appeal|complaint/i.test(`${channel.name} ${channel.address ?? ''}`));
}

/**
 * A role or team, declared anywhere in the workspace, whose name says it hears appeals or
 * complaints and that takes no part in the workflow's reviews and decisions. Nothing else is
 * guessed: an arbitrary role is not an independent reviewer.
 */
function independentAppealReviewer(workflow: Workflow, services: HitlServices, root: HitlFile): Party | undefined {
    const involved = involvementsOf(workflow).map((involvement) => involvement.party);
    const declared = [...services.shared.workspace.IndexManager.allElements()].map((description) => description.node);
    const candidates = [...root.elements, ...declared]
        .filter((node): node is Party => isRole(node) || isTeam(node))
        .filter((party) => /appeal|complaint|ombuds/i.test(party.name))
        .filter((party) => !involved.some((other) => partiesOverlap(party, other)));
    return candidates[0];
}

/** Quick fixes for the rights rules, by diagnostic code. */
export const rightsFixes: QuickFixes = {
    // An appeal skeleton, offered only when a channel and an independent reviewer exist.
    'rights/appeal': (context) => {
        const workflow = enclosing(context, isWorkflow);
        if (!workflow) return undefined;
        const appeal = workflow.appeal;
        if (appeal?.reviewer?.ref && !isRole(appeal.reviewer.ref) && !isTeam(appeal.reviewer.ref)) return undefined;
        const root = context.document.parseResult.value as HitlFile;
        const channel = appeal?.channel?.ref ?? customerChannel(workflow, context.services, root);
        const reviewer = appeal?.reviewer?.ref ?? independentAppealReviewer(workflow, context.services, root);
        if (!isChannel(channel) || !reviewer) return undefined;
        const lines: string[] = [];
        if (!appeal?.channel) lines.push(`channel ${channel.name}`);
        if (!appeal?.reviewer) lines.push(`reviewer ${reviewer.name}`);
        if (!appeal?.sla) lines.push('sla 14d');
        if (!appeal?.explanation?.trim() && aiStepsOf(workflow).length > 0) {
            lines.push('explanation "DRAFT: say what the AI did, that a person decided, and how to ask for a review."');
        }
        if (lines.length === 0) return undefined;
        const edit = appeal ? appendToBlock(context.document, appeal, lines) : appendToBlock(context.document, workflow, ['', 'appeal {', ...lines.map((line) => `    ${line}`), '}']);
        const title = appeal
            ? `Complete the appeal (${lines.map((line) => line.split(' ')[0]).join(', ')}); review the SLA and explanation`
            : `Add an appeal heard by '${reviewer.name}' via '${channel.name}' (sla 14d); review the SLA and write the explanation`;
        return edit && quickFix(context, title, [edit]);
    },
};
