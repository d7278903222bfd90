import { aiStepsOf, isHumanParty } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { isZeroDuration } from '../../../analysis/governed-values.js';

export const incidentsMustHaveARoute = defineRule({
    code: 'data/incident-route',
    title: 'A workflow with an AI step names who is told of a serious incident, and by when',
    severity: 'error',
    requirements: ['G33'],
    checks: {
        // A deadline of zero can never be met, in whatever workflow it is written.
        IncidentNotice: (notice, report) => {
            if (!isZeroDuration(notice.within)) return;
            const party = notice.party?.$refText ?? 'the recipient';
            report({
                node: notice,
                property: 'within',
                evidence: 'presence',
                message: `Incident notice to ${quoted(party)} is due 'within ${notice.within}', a deadline nobody can meet, so the route does not say by when ${quoted(party)} must be told; write the real deadline, such as 'within 24h' (Art 73 allows at most 15 days).`,
            });
        },
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
                if (!notice.within) {
                    const name = notice.party?.$refText ?? 'the recipient';
                    report({
                        node: notice,
                        keyword: 'notify',
                        message: `Incident notice to ${quoted(name)} has no deadline, so nobody knows by when ${quoted(name)} must be told of a serious incident; add 'within <duration>', such as 'notify ${name} within 24h' (Art 73 allows at most 15 days).`,
                    });
                }
            });
        },
    },
});
