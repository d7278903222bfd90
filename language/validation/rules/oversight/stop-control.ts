import { isAiActor } from '../../../generated/ast.js';
import { defineRule } from '../../rule.js';
import { hasAiStep } from '../../../analysis/oversight.js';
import { quoted } from '../../../util/names.js';

export const workflowsMustHaveAStopControl = defineRule({
    code: 'oversight/stop-control',
    title: 'A workflow with an AI step has a stop control: human owners and a safe state',
    severity: 'error',
    requirements: ['G03'],
    checks: {
        Workflow: (workflow, report) => {
            if (!hasAiStep(workflow)) return;
            const stop = workflow.stop;
            if (!stop) {
                report({
                    node: workflow,
                    property: 'name',
                    message: `Workflow ${quoted(workflow.name)} uses AI but has no stop control; add 'stop { owner <Role> safe state hold }' naming who may halt it and what happens to items in flight.`,
                });
                return;
            }
            const missing = [stop.owners.length === 0 ? "'owner <Role>' (who may halt the workflow)" : undefined, stop.safeState ? undefined : "'safe state hold' (or route-to-manual, reject-pending, complete-in-flight) for items in flight"].filter(Boolean);
            if (missing.length > 0) {
                report({
                    node: stop,
                    keyword: 'stop',
                    message: `The stop control of workflow ${quoted(workflow.name)} is incomplete; add ${missing.join(' and ')}.`,
                });
            }
            stop.owners.forEach((owner, index) => {
                if (isAiActor(owner.ref)) {
                    report({
                        node: stop,
                        property: 'owners',
                        index,
                        message: `AI actor ${quoted(owner.ref.name)} cannot own the stop control of workflow ${quoted(workflow.name)}; name a human role or team that may halt it.`,
                    });
                }
            });
        },
    },
});
