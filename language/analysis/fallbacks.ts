import { isEventRoute, type AiStep, type EventRoute } from '../generated/ast.js';

/** The failure modes every AI step plans for (G21). */
export const FALLBACK_EVENTS = ['unavailable', 'abnormal-output', 'low-confidence'] as const;

export function fallbackRoutesOf(step: AiStep): EventRoute[] {
    return step.routes.filter((route): route is EventRoute => isEventRoute(route) && (FALLBACK_EVENTS as readonly string[]).includes(route.event));
}

export function missingFallbacks(step: AiStep): string[] {
    const declared = new Set(fallbackRoutesOf(step).map((route) => route.event));
    return FALLBACK_EVENTS.filter((event) => !declared.has(event));
}
