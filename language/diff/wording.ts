import type { Duration, Fallback, Route, TimeoutAction } from '../model/schema.js';

/** The model's values written back as a reader wrote them, for the before and after of a change. */

const UNITS: ReadonlyArray<readonly [string, number]> = [
    ['y', 365 * 86_400],
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
];

/** `86400` seconds → `1d`: the largest unit that divides it exactly. */
export function durationText(duration: Duration | undefined): string {
    if (!duration) return 'none';
    const [unit, size] = UNITS.find(([, size]) => duration.seconds % size === 0 && duration.seconds >= size) ?? ['s', 1];
    return `${duration.seconds / size}${unit}`;
}

export function actionText(action: TimeoutAction | undefined): string {
    if (!action) return 'none';
    return action.kind === 'escalate' && action.target ? `escalate to ${action.target.id}` : action.kind;
}

export function routeText(route: Route): string {
    const target = route.target ? ` -> ${route.target}` : '';
    if (route.kind === 'then') return `then ${route.target ?? ''}`.trim();
    if (route.kind === 'when') return `when ${route.text}${target}`;
    if (route.kind === 'otherwise') return `otherwise${target}`;
    return `on ${route.event}${route.policy ? ` use ${route.policy}` : ''}${route.action ? ` ${actionText(route.action)}` : ''}${target}`;
}

export function fallbackText(fallback: Fallback | undefined, mode: string): string {
    if (!fallback) return `(no on ${mode} route)`;
    return `on ${mode}${fallback.policy ? ` use ${fallback.policy}` : ''}${fallback.action ? ` ${actionText(fallback.action)}` : ''}${fallback.target ? ` -> ${fallback.target}` : ''}`;
}
