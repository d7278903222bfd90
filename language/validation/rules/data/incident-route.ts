import { aiStepsOf, isHumanParty } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

export const incidentsMustHaveARoute = defineRule({
    code: 'data/incident-route',
    title: 'A workflow with an AI step names who is told of a serious incident, and by when',
    severity: 'error',
    requirements: ['G33'],
    checks: {
        Workflow: (workflow, report) => {
            if (aiStepsOf(workflow).length === 0) return;
            const incident = workflow.incident;
            const owner = workflow.owner?.ref && isHumanParty(workflow.owner.ref) ? workflow.owner.ref.name : '<Role>';
            if (!incident) {
                report({
                    node: workflow,
                    property: 'name',
                    message: `Workflow ${quoted(workflow.name)} has AI steps but no serious-incident route; add 'incident { notify ${owner} within 24h }' and the authority to tell.`,
                });
                return;
            }
            if (incident.notices.length === 0) {
                report({
                    node: incident,
                    keyword: 'incident',
                    message: `Incident route of workflow ${quoted(workflow.name)} notifies nobody; add 'notify ${owner} within 24h'.`,
                });
            }
            incident.notices.forEach((notice) => {
                const party = notice.party?.ref;
                if (party && !isHumanParty(party)) {
                    report({
                        node: notice,
                        property: 'party',
                        message: `Incident notice goes to ${quoted(party.name)}, an AI actor; notify a person or team who can act on a serious incident.`,
                    });
                }
            });
        },
    },
});
