import { aiStepsOf } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

/** G17: an AI workflow says how far its rollout has got. */
export const workflowsMustDeclareAStage = defineRule({
    code: 'risk/stage-required',
    title: 'AI workflows declare their rollout stage',
    severity: 'error',
    requirements: ['G17'],
    checks: {
        Workflow: (workflow, report) => {
            if (workflow.stage || aiStepsOf(workflow).length === 0) return;
            report({
                node: workflow,
                property: 'name',
                message: `Workflow ${quoted(workflow.name)} uses AI but declares no rollout stage; add 'stage shadow' (AI output not used), 'stage assist' (people decide with it) or 'stage automate'.`,
            });
        },
    },
});
