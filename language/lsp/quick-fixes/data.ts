import { isIncidentNotice, isIncidentRoute, isWorkflow } from '../../generated/ast.js';
import { isHumanParty } from '../../analysis/governance.js';
import { appendToBlock, enclosing, quickFix, type QuickFixes } from './quick-fix.js';

/** Quick fixes for the data rules, by diagnostic code. */
export const dataFixes: QuickFixes = {
    // Routes the incident to the workflow's owner within a day; only when the owner is a person.
    'data/incident-route': (context) => {
        if (enclosing(context, isIncidentNotice)) return undefined;
        const workflow = enclosing(context, isWorkflow);
        const owner = workflow?.owner?.ref;
        if (!workflow || !owner || !isHumanParty(owner)) return undefined;
        const notice = `notify ${owner.name} within 24h`;
        const incident = enclosing(context, isIncidentRoute) ?? workflow.incident;
        const edit = incident ? appendToBlock(context.document, incident, [notice]) : appendToBlock(context.document, workflow, ['', 'incident {', `    ${notice}`, '}']);
        return edit && quickFix(context, `Notify the workflow owner '${owner.name}' of serious incidents within 24h`, [edit]);
    },
};
