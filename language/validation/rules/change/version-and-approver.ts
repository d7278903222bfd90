import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

export const workflowsMustBeVersioned = defineRule({
    code: 'change/version-and-approver',
    title: 'A workflow carries a version and a change approver',
    severity: 'error',
    requirements: ['G40'],
    checks: {
        Workflow: (workflow, report) => {
            const missing = [workflow.version ? undefined : 'version "<x.y.z>"', workflow.changeApprover ? undefined : 'change approver <Role>'].filter(Boolean);
            if (missing.length > 0) {
                report({
                    node: workflow,
                    property: 'name',
                    message: `Workflow ${quoted(workflow.name)} has no ${missing.join(' and no ')}; every change to a governed workflow is versioned and approved by a named role.`,
                });
            }
        },
    },
});
