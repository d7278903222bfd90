import type { Random } from './random.js';

/**
 * Distributions as plain data (the scenario file writes them so). Durations are in seconds;
 * `beta` is for confidences in [0, 1].
 */
export type Distribution =
    | { readonly kind: 'fixed'; readonly value: number }
    | { readonly kind: 'exponential'; readonly mean: number }
    /** Given by the mean and standard deviation of the variable itself, not of its logarithm. */
    | { readonly kind: 'lognormal'; readonly mean: number; readonly sd: number }
    | { readonly kind: 'gamma'; readonly shape: number; readonly scale: number }
    | { readonly kind: 'triangular'; readonly min: number; readonly mode: number; readonly max: number }
    | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
    /** One of `values`, with `weights` (equal when absent). */
    | { readonly kind: 'empirical'; readonly values: readonly number[]; readonly weights?: readonly number[] }
    | { readonly kind: 'beta'; readonly alpha: number; readonly beta: number };

/** A draw from a distribution. */
export function sample(distribution: Distribution, random: Random): number {
    return sampler(distribution)(random);
}

export type Sampler = (random: Random) => number;

/** A drawing function for a distribution, its parameters worked out once: the engine draws millions of times. */
export function sampler(distribution: Distribution): Sampler {
    switch (distribution.kind) {
        case 'fixed': {
            const value = distribution.value;
            return () => value;
        }
        case 'exponential': {
            const mean = distribution.mean;
            return (random) => -mean * Math.log(random.nextPositive());
        }
        case 'lognormal': {
            const { mu, sigma } = lognormalParameters(distribution.mean, distribution.sd);
            return (random) => Math.exp(mu + sigma * random.normal());
        }
        case 'gamma': {
            const { shape, scale } = distribution;
            return (random) => gamma(shape, random) * scale;
        }
        case 'triangular': {
            const { min, mode, max } = distribution;
            return (random) => triangular(min, mode, max, random.next());
        }
        case 'uniform': {
            const { min, max } = distribution;
            return (random) => min + (max - min) * random.next();
        }
        case 'empirical': {
            const { values, weights } = distribution;
            return (random) => values[Math.max(0, weights ? random.pick(weights) : Math.floor(random.next() * values.length))];
        }
        case 'beta': {
            const { alpha, beta } = distribution;
            return (random) => {
                const x = gamma(alpha, random);
                const y = gamma(beta, random);
                return x / (x + y);
            };
        }
    }
}

/** The mean of a distribution, for documentation and tests. */
export function meanOf(distribution: Distribution): number {
    switch (distribution.kind) {
        case 'fixed':
            return distribution.value;
        case 'exponential':
        case 'lognormal':
            return distribution.mean;
        case 'gamma':
            return distribution.shape * distribution.scale;
        case 'triangular':
            return (distribution.min + distribution.mode + distribution.max) / 3;
        case 'uniform':
            return (distribution.min + distribution.max) / 2;
        case 'empirical': {
            const { values, weights } = distribution;
            const w = weights ?? values.map(() => 1);
            const total = w.reduce((sum, x) => sum + x, 0);
            return values.reduce((sum, value, i) => sum + value * w[i], 0) / total;
        }
        case 'beta':
            return distribution.alpha / (distribution.alpha + distribution.beta);
    }
}

/** The parameters of the underlying normal for a lognormal of the given mean and standard deviation. */
export function lognormalParameters(mean: number, sd: number): { mu: number; sigma: number } {
    const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
    return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below one by the boost u^(1/shape). */
function gamma(shape: number, random: Random): number {
    if (shape < 1) return gamma(shape + 1, random) * Math.pow(random.nextPositive(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
        let x: number;
        let v: number;
        do {
            x = random.normal();
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        const u = random.nextPositive();
        if (u < 1 - 0.0331 * x * x * x * x) return d * v;
        if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
}

/** The inverse of the triangular distribution's CDF at u. */
function triangular(min: number, mode: number, max: number, u: number): number {
    if (max <= min) return min;
    const split = (mode - min) / (max - min);
    return u < split ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
}
