/** Small statistics helpers; every figure in a result is rounded so its JSON is short and stable. */

export function round(value: number, digits: number): number {
    if (!Number.isFinite(value)) return value;
    const factor = 10 ** digits;
    return Math.round(value * factor) / factor;
}

/** The q-quantile of sorted values (nearest rank); 0 for none. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
    if (sorted.length === 0) return 0;
    const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
    return sorted[rank - 1];
}

export interface Estimate {
    readonly mean: number;
    /** Half-width of the 95% confidence interval (Student t over replications); 0 for one replication. */
    readonly ci95: number;
}

/** Mean and 95% confidence half-width over independent replications. */
export function estimate(values: readonly number[]): Estimate {
    const n = values.length;
    if (n === 0) return { mean: 0, ci95: 0 };
    const mean = values.reduce((sum, x) => sum + x, 0) / n;
    if (n === 1) return { mean, ci95: 0 };
    const variance = values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1);
    return { mean, ci95: tQuantile975(n - 1) * Math.sqrt(variance / n) };
}

/** The 97.5% quantile of Student's t with `df` degrees of freedom (table to 30, then the normal's 1.96 with a small correction). */
export function tQuantile975(df: number): number {
    const table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];
    if (df >= 1 && df <= 30) return table[df - 1];
    return 1.96 + 2.4 / df;
}
