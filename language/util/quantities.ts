import type { Quantity } from '../generated/ast.js';

/** A quantity as a plain number: percentages become fractions (85% → 0.85). */
export function quantityValue(quantity: Quantity): number {
    return quantity.unit === '%' ? quantity.value / 100 : quantity.value;
}

const UNIT_MS: Record<string, number> = {
    ms: 1,
    s: 1_000,
    m: 60_000,
    h: 3_600_000,
    d: 86_400_000,
    w: 7 * 86_400_000,
    mo: 30 * 86_400_000,
    y: 365 * 86_400_000,
};

export interface Duration {
    readonly amount: number;
    readonly unit: string;
    /** Calendar units are fixed lengths: a month is 30 days, a year 365 days. */
    readonly milliseconds: number;
}

export function parseDuration(text: string): Duration | undefined {
    const match = /^(\d+)(ms|mo|s|m|h|d|w|y)$/.exec(text);
    if (!match) return undefined;
    const amount = Number(match[1]);
    return { amount, unit: match[2], milliseconds: amount * UNIT_MS[match[2]] };
}

/** A YYYY-MM-DD text as a UTC date, or undefined when no such day exists. */
export function parseDate(text: string): Date | undefined {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return undefined;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    return exists ? date : undefined;
}
