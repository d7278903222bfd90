import { isAiActor } from '../../../generated/ast.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

export const workflowsMustNameABusinessOwner = defineRule({
    code: 'raci/business-owner',
    title: 'A workflow names its business owner, a person',
    severity: 'error',
    requirements: ['G13'],
    checks: {
        Workflow: (workflow, report) => {
            if (!workflow.owner) {
                report({ node: workflow, property: 'name', message: `Workflow ${quoted(workflow.name)} names no business owner; add 'owner <Role>' (who answers for its results).` });
            } else if (isAiActor(workflow.owner.ref)) {
                report({ node: workflow, property: 'owner', message: `AI actor ${quoted(workflow.owner.ref.name)} cannot own workflow ${quoted(workflow.name)}; name a human role or team.` });
            }
        },
    },
});
