import { aiStepsOf } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { joinCapped } from '../../../analysis/caps.js';

export const intendedUseMustBeDeclared = defineRule({
    code: 'security/intended-use',
    title: 'A workflow with a user-facing AI step declares its intended use and what is out of scope',
    severity: 'error',
    requirements: ['G38'],
    checks: {
        Workflow: (workflow, report) => {
            const facing = aiStepsOf(workflow).filter((step) => step.userFacing);
            if (facing.length === 0) return;
            const missing: string[] = [];
            if (workflow.intendedUses.filter((use) => use.trim()).length === 0) missing.push('intended use "…"');
            if (workflow.outOfScope.filter((use) => use.trim()).length === 0) missing.push('out of scope "…"');
            if (missing.length === 0) return;
            report({
                node: workflow,
                property: 'name',
                message: `Workflow ${quoted(workflow.name)} has user-facing AI step${facing.length > 1 ? 's' : ''} ${joinCapped(facing.map((s) => quoted(s.name)))} but declares no ${missing.map((m) => `'${m}'`).join(' and no ')}; say what the AI is for and what it must not be used for.`,
                related: facing.map((step) => ({ node: step, message: `${quoted(step.name)} is user-facing` })),
            });
        },
    },
});
