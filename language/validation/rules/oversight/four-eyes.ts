import { isGate, type Category, type Decision, type Step } from '../../../generated/ast.js';
import { describePath, flowGraphOf, type FlowEdge } from '../../../analysis/flow-graph.js';
import { routeCategoryVerdict } from '../../../analysis/conditions.js';
import { defineRule } from '../../rule.js';
import { isPersonStep, leavesWithoutHuman, pathSteps, shortestUnclearedPath } from '../../../analysis/oversight.js';
import { quoted } from '../../../util/names.js';

/**
 * G06: items of a category the decision names in `four-eyes category …` pass a gate marked
 * `four-eyes` after the AI output they carry, on every path from the start that brings AI
 * output to the decision (Art 14(5): the system's result is verified by two people).
 * Categories are declared in the workflow; a route whose condition (or an earlier sibling
 * condition that failed) rules the category out carries none of its items. Nothing else is
 * assumed: a route that does not test the category can carry its items.
 */
export const fourEyesCategoriesMustPassAFourEyesGate = defineRule({
    code: 'oversight/four-eyes',
    title: 'Items of a four-eyes category pass a four-eyes gate on every path to the decision',
    severity: 'error',
    requirements: ['G06'],
    checks: {
        Decision: (decision, report) => {
            const graph = flowGraphOf(decision.$container);
            if (!graph.start || graph.start === decision) return;
            decision.fourEyesCategories.forEach((reference, index) => {
                const category = reference.ref;
                if (!category) return;
                const path = shortestUnclearedPath(graph, graph.start!, decision, reviewsWithFourEyes, (edge) => !excludes(edge, category));
                if (!path) return;
                report({
                    node: decision,
                    property: 'fourEyesCategories',
                    index,
                    message: `Decision ${quoted(decision.name)} requires four-eyes review for category ${quoted(category.name)}, but ${describePath(path)} brings the AI's output to it with no gate marked 'four-eyes' after the AI step, and nothing on that path rules the category out; route items of ${quoted(category.name)} through a four-eyes gate (two distinct reviewers) on this path.`,
                    related: [...pathSteps(path), categoryRelated(decision, category)],
                });
            });
        },
    },
});

/** Leaving a four-eyes gate after its reviewers acted: the item has had its second pair of eyes. */
function reviewsWithFourEyes(edge: FlowEdge): boolean {
    return isFourEyesGate(edge.from) && !leavesWithoutHuman(edge);
}

function isFourEyesGate(step: Step): boolean {
    return isGate(step) && step.fourEyes && isPersonStep(step);
}

/** A branch no item of the category takes: its condition, or a failed earlier one, rules the category out. */
function excludes(edge: FlowEdge, category: Category): boolean {
    if (edge.kind !== 'branch') return false;
    const routes = 'routes' in edge.from ? edge.from.routes : [];
    return routeCategoryVerdict(routes, edge.route, category) === 'out';
}

function categoryRelated(decision: Decision, category: Category): { node: Category; message: string } {
    return { node: category, message: `category ${quoted(category.name)}${category.title ? ` (${category.title})` : ''}, required by ${quoted(decision.name)}` };
}
