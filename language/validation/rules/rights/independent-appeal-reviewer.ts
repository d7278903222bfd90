import type { AstNode } from 'langium';
import { defineRule } from '../../rule.js';
import { partiesOverlap } from '../../../analysis/governance.js';
import { quoted } from '../../../util/names.js';
import { involvementsOf, through } from '../../../analysis/appeals.js';

/** Conflicts named in one finding; the rest are counted. */
const MAX_NAMED = 5;

export const appealReviewersMustBeIndependent = defineRule({
    code: 'rights/independent-appeal-reviewer',
    title: 'The appeal reviewer took no part in the decision appealed against',
    severity: 'error',
    requirements: ['G34'],
    checks: {
        AppealSpec: (appeal, report) => {
            const reviewer = appeal.reviewer?.ref;
            const workflow = appeal.$container;
            if (!reviewer || !workflow) return;
            // One conflict per place: a chain reached from several gates is one level, however often reached.
            const places = new Set<AstNode>();
            const conflicts = involvementsOf(workflow).filter((involvement) => partiesOverlap(reviewer, involvement.party) && !places.has(involvement.node) && !!places.add(involvement.node));
            if (conflicts.length === 0) return;
            const described = conflicts.slice(0, MAX_NAMED).map((c) => `${c.role}${through(reviewer, c.party)}`);
            if (conflicts.length > MAX_NAMED) described.push(`and ${conflicts.length - MAX_NAMED} more`);
            report({
                node: appeal,
                property: 'reviewer',
                message: `Appeal reviewer ${quoted(reviewer.name)} is not independent: it ${described.join(', ')}; name a person or team that takes no part in the workflow's reviews and decisions.`,
                related: conflicts.slice(0, MAX_NAMED).map((c) => ({ node: c.node, message: `${quoted(c.party.name)} ${c.role}` })),
            });
        },
    },
});
