import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/**
 * The simulator's only source of randomness: a seeded xoroshiro128+ from pure-rand. Never
 * `Math.random`, so the same model, scenario and seed give the same run on every machine.
 */
export class Random {
    private constructor(private readonly generator: JumpableRandomGenerator) {}

    /** The generator for a seed (an integer; only its low 32 bits count). */
    static fromSeed(seed: number): Random {
        return new Random(xoroshiro128plus(seed | 0));
    }

    /**
     * An independent stream: `jumps` jumps of 2^64 draws ahead of a copy of this one. Replication
     * r of a seed uses stream r, so replications never share draws whatever order they run in.
     */
    stream(jumps: number): Random {
        const copy = this.generator.clone();
        for (let i = 0; i < jumps; i++) copy.jump();
        return new Random(copy);
    }

    /** Uniform in [0, 1). */
    next(): number {
        return uniformFloat64(this.generator);
    }

    /** Uniform in (0, 1]: safe to take the logarithm of. */
    nextPositive(): number {
        return 1 - uniformFloat64(this.generator);
    }

    /** A standard normal draw (Box–Muller; the second value is not kept, so a draw is always two uniforms). */
    normal(): number {
        const radius = Math.sqrt(-2 * Math.log(this.nextPositive()));
        return radius * Math.cos(2 * Math.PI * this.next());
    }

    /** An index drawn with the given non-negative weights (they need not sum to one); -1 when all are zero. */
    pick(weights: readonly number[]): number {
        let total = 0;
        for (const weight of weights) total += weight;
        if (!(total > 0)) return -1;
        let u = this.next() * total;
        for (let i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) return i;
        }
        // Rounding can leave a sliver: the last index with weight takes it.
        for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
        return -1;
    }
}
