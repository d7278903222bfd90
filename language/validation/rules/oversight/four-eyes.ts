import {
    isGate,
    isOtherwiseRoute,
    isStringLiteral,
    isWhenRoute,
    type Route,
    type Step,
    type WhenRoute,
} from '../../../generated/ast.js';
import { describePath, flowGraphOf, type FlowEdge } from '../../../analysis/flow-graph.js';
import { defineRule } from '../../rule.js';
import { isPersonStep, leavesWithoutHuman, pathSteps, shortestUnclearedPath } from './oversight-facts.js';
import { quoted } from '../../../util/names.js';

/**
 * G06: items of a category the decision marks `four-eyes category "…"` pass a gate marked
 * `four-eyes` after the AI output they carry, on every path from the start that brings AI
 * output to the decision (Art 14(5): the system's result is verified by two people). Branches the workflow uses to route the category
 * are respected: the `otherwise` (and any later `when`) beside the branch that selects the
 * category carries no items of it. Fallbacks (low confidence, unavailable) can carry any item.
 */
export const fourEyesCategoriesMustPassAFourEyesGate = defineRule({
    code: 'oversight/four-eyes',
    title: 'Items of a four-eyes category pass a four-eyes gate on every path to the decision',
    severity: 'error',
    requirements: ['G06'],
    checks: {
        Decision: (decision, report) => {
            const category = decision.fourEyesCategory;
            const workflow = decision.$container;
            const graph = flowGraphOf(workflow);
            if (category === undefined || !graph.start || graph.start === decision) return;
            const path = shortestUnclearedPath(graph, graph.start, decision, reviewsWithFourEyes, (edge) => !excludesCategory(edge, category));
            if (!path) return;
            report({
                node: decision,
                property: 'fourEyesCategory',
                message: `Decision ${quoted(decision.name)} requires four-eyes review for "${category}", but ${describePath(path)} brings the AI's output to it with no gate marked 'four-eyes' after the AI step; route items of this category through a four-eyes gate (two distinct reviewers) on this path.`,
                related: pathSteps(path),
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

/** A branch that by its condition, or its place after the category's own branch, carries no item of the category. */
function excludesCategory(edge: FlowEdge, category: string): boolean {
    if (edge.kind !== 'branch') return false;
    const route = edge.route;
    if (isWhenRoute(route) && conditionExcludes(route, category)) return true;
    const routes: readonly Route[] = 'routes' in edge.from ? edge.from.routes : [];
    const selecting = routes.findIndex((r) => isWhenRoute(r) && selectsCategory(r, category));
    return selecting >= 0 && routes.indexOf(route) > selecting && (isWhenRoute(route) || isOtherwiseRoute(route));
}

/** `when "<category>"`, `when <field> == "<category>"`, or a branch straight into a four-eyes gate. */
function selectsCategory(route: WhenRoute, category: string): boolean {
    const condition = route.condition;
    if (condition?.label === category) return true;
    if (condition?.comparator === '==' && isStringLiteral(condition.value) && condition.value.text === category) return true;
    const target = route.target?.ref;
    return target !== undefined && isFourEyesGate(target);
}

/** `when <field> != "<category>"`, or `when category == "<another category>"`. */
function conditionExcludes(route: WhenRoute, category: string): boolean {
    const condition = route.condition;
    if (!condition || !isStringLiteral(condition.value)) return false;
    if (condition.comparator === '!=') return condition.value.text === category;
    return condition.comparator === '==' && condition.subject === 'category' && condition.value.text !== category;
}
