import type { Decision, Step } from '../generated/ast.js';
import { decisionsFedBy, isHighRisk } from './governance.js';

/** What a reviewer of AI output must see to judge it (G04). */
export const REQUIRED_SHOWN_ITEMS = ['ai-output', 'confidence', 'explanation', 'model-version'] as const;

export function missingShownItems(shows: readonly string[]): string[] {
    return REQUIRED_SHOWN_ITEMS.filter((item) => !shows.includes(item));
}

/** The first high-risk decision a step feeds, if any. */
export function highRiskDecisionFedBy(step: Step): Decision | undefined {
    return decisionsFedBy(step).find((decision) => isHighRisk(decision.risk));
}
