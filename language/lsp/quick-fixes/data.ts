import { isIncidentNotice, isIncidentRoute, isWorkflow } from '../../generated/ast.js';
import { isHumanParty } from '../../analysis/governance.js';
import { appendToBlock, enclosing, quickFix, type QuickFixes } from './quick-fix.js';

/** Quick fixes for the data rules, by diagnostic code. */
export const dataFixes: QuickFixes = {
    // Routes the incident to the workflow's owner within a day; only when the owner is a person.
    'data/incident-route': (context) => {
        const written = enclosing(context, isIncidentNotice);
        if (written) {
            // A notice without a deadline gets a day, the shortest common one, to be reviewed.
            if (written.within || !written.$cstNode) return undefined;
            const end = written.$cstNode.range.end;
            return quickFix(context, `Notify ${written.party?.$refText ?? 'them'} within 24h`, [{ range: { start: end, end }, newText: ' within 24h' }]);
        }
        const workflow = enclosing(context, isWorkflow);
        const owner = workflow?.owner?.ref;
        if (!workflow || !owner || !isHumanParty(owner)) return undefined;
        const notice = `notify ${owner.name} within 24h`;
        const incident = enclosing(context, isIncidentRoute) ?? workflow.incident;
        const edit = incident ? appendToBlock(context.document, incident, [notice]) : appendToBlock(context.document, workflow, ['', 'incident {', `    ${notice}`, '}']);
        return edit && quickFix(context, `Notify the workflow owner '${owner.name}' of serious incidents within 24h`, [edit]);
    },
};
