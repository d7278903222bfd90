import { isAiActor, type Step } from '../../../generated/ast.js';
import { describePath, flowGraphOf } from '../../../analysis/flow-graph.js';
import { isProtectedDecision, partiesOverlap } from '../../../analysis/governance.js';
import { defineRule } from '../../rule.js';
import { hasAiStep, isPersonStep, leavesWithoutHuman, pathSteps, seatsOn, shortestUnclearedPath } from '../../../analysis/oversight.js';
import { quoted } from '../../../util/names.js';

export const vetoHoldersMustSitOnEveryPath = defineRule({
    code: 'raci/veto-on-every-path',
    title: 'The veto holder of a protected decision has a seat on a human step on every path to it',
    severity: 'error',
    requirements: ['G11'],
    checks: {
        Decision: (decision, report) => {
            const holder = decision.veto?.ref;
            const workflow = decision.$container;
            if (!holder || isAiActor(holder) || !isProtectedDecision(decision) || !hasAiStep(workflow)) return;
            const graph = flowGraphOf(workflow);
            if (!graph.start || graph.start === decision) return;
            const seated = (step: Step) => isPersonStep(step) && seatsOn(step).some((party) => partiesOverlap(party, holder));
            const path = shortestUnclearedPath(graph, graph.start, decision, (edge) => seated(edge.from) && !leavesWithoutHuman(edge));
            if (!path) return;
            report({
                node: decision,
                property: 'veto',
                message: `Veto holder ${quoted(holder.name)} of decision ${quoted(decision.name)} has no seat on ${describePath(path)}, which brings the AI's output to it; make ${quoted(holder.name)} a reviewer of a gate on this path, or the first escalation target of one ('escalate on disagreement to <Escalation>').`,
                related: pathSteps(path),
            });
        },
    },
});
