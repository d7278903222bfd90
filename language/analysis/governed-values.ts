import { GrammarUtils, type AstNode, type CstNode } from 'langium';
import { isQuantity, type Quantity } from '../generated/ast.js';
import { parseDate, parseDuration, quantityValue } from '../util/quantities.js';

/**
 * The values a governance rule reads, as `Type.property`, and the rule that judges them. A zero
 * SLA, a confidence threshold above 1 or a review date that does not exist breaks that rule's
 * requirement, so that rule reports it, under its own code, saying what it means. The generic
 * values/ rules judge only the values listed in GENERIC_VALUES, which no requirement reads.
 * test/rules/governed-values.test.ts checks that every duration, date and quantity the grammar
 * has is in exactly one of the two lists.
 */
export const GOVERNED_VALUES: Readonly<Record<string, string>> = {
    'Gate.sla': 'escalation/timeout-required',
    'ManualQueue.timeout': 'fallback/queue-owner-timeout',
    'ManualQueue.sla': 'fallback/queue-owner-timeout',
    'EscalationRule.within': 'escalation/target-reachable',
    'EscalationLevel.within': 'escalation/target-reachable',
    'AiStep.threshold': 'fallback/confidence-threshold',
    'Evaluation.every': 'fallback/evaluations',
    'AuditSpec.retention': 'audit/retention',
    'DriftMonitor.window': 'data/drift-monitoring',
    'DriftMonitor.baseline': 'data/drift-monitoring',
    'DriftMonitor.threshold': 'data/drift-monitoring',
    'BiasSampling.rate': 'data/bias-sampling',
    'BiasSampling.every': 'data/bias-sampling',
    'FeedbackLoop.every': 'data/feedback-loops',
    'IncidentNotice.within': 'data/incident-route',
    'AppealSpec.sla': 'rights/appeal',
    'AppealExemption.date': 'rights/appeal',
    'Metric.threshold': 'raci/acceptance-metrics',
    'MisuseMonitor.threshold': 'security/misuse-monitor',
    'PreDeploymentReview.date': 'risk/review-expired',
    'PreDeploymentReview.expires': 'risk/review-expired',
    'Decision.residualAcceptedOn': 'risk/residual-risk',
    'Suppression.expires': 'change/suppression-incomplete',
};

/**
 * Values no requirement reads: the workflow's overall SLA, a route's simulated probability and
 * the literal a route condition compares with. A wrong one is a value error and nothing more.
 */
export const GENERIC_VALUES: readonly string[] = ['Workflow.sla', 'WhenRoute.probability', 'Comparison.value'];

/** The code of the rule that judges `container.property`, if a governance rule reads it. */
export function governingRule(container: AstNode | undefined, property: string | undefined): string | undefined {
    if (!container || !property) return undefined;
    const key = `${container.$type}.${property}`;
    return Object.hasOwn(GOVERNED_VALUES, key) ? GOVERNED_VALUES[key] : undefined;
}

/** The code of the rule that judges the value a token belongs to (`0h` of `sla 0h`, `120` of `120%`). */
export function governingRuleAt(leaf: CstNode): string | undefined {
    const node = leaf.astNode;
    if (isQuantity(node)) return governingRule(node.$container, node.$containerProperty);
    return governingRule(node, GrammarUtils.findAssignment(leaf)?.feature);
}

/** A duration written as zero (`0h`, `0d`); false when absent or unreadable (the parser says so). */
export function isZeroDuration(text: string | undefined): boolean {
    const duration = text === undefined ? undefined : parseDuration(text);
    return duration !== undefined && duration.milliseconds <= 0;
}

/** A date that is written but does not exist on the calendar (`2026-02-30`, `2027-13-01`, `2027-03`). */
export function isImpossibleDate(text: string | undefined): boolean {
    return text !== undefined && parseDate(text) === undefined;
}

/** A percentage above 100%: a share nothing can reach. */
export function isOverAHundredPercent(quantity: Quantity | undefined): boolean {
    return quantity?.unit === '%' && quantity.value > 100;
}

/** A share written as a plain number or a percentage that lies outside 0 to 1 (0% to 100%). */
export function isOutsideUnitRange(quantity: Quantity | undefined): boolean {
    if (!quantity) return false;
    const value = quantityValue(quantity);
    return value < 0 || value > 1;
}

/** A quantity written as zero (`0`, `0%`, `0.0`). */
export function isZeroQuantity(quantity: Quantity | undefined): boolean {
    return quantity !== undefined && quantity.value === 0;
}

/** The text of a quantity as written (`120%`, `1.5`). */
export function quantityText(quantity: Quantity): string {
    return quantity.$cstNode?.text ?? `${quantity.value}${quantity.unit ?? ''}`;
}
