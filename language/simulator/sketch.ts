/**
 * A streaming quantile sketch: DDSketch's logarithmic buckets (Masson, Rim and Lee, VLDB 2019)
 * over a fixed range, so memory does not grow with the number of values and sketches merge by
 * adding counts. A quantile is within {@link RELATIVE_ACCURACY} (0.5%) of the true value for
 * values of at least {@link MIN_INDEXED} (1 ms) and within 1 ms below it; the smallest and
 * largest values are kept exactly and bound every answer, so a constant is answered exactly.
 * Datadog's own DDSketch (@datadog/sketches-js) does not bundle without protobufjs, which it
 * needs only to serialise sketches; seventy lines are cheaper than a protobuf runtime in the CLI.
 */

export const RELATIVE_ACCURACY = 0.005;
export const MIN_INDEXED = 1e-3;
const MAX_INDEXED = 1e10;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
const OFFSET = Math.ceil(Math.log(MIN_INDEXED) / LOG_GAMMA);
const BUCKETS = Math.ceil(Math.log(MAX_INDEXED) / LOG_GAMMA) - OFFSET + 1;

export class QuantileSketch {
    private counts: Float64Array | undefined;
    /** Values below {@link MIN_INDEXED}. */
    private small = 0;
    count = 0;
    sum = 0;
    min = Infinity;
    max = -Infinity;

    add(value: number): void {
        this.count++;
        this.sum += value;
        if (value < this.min) this.min = value;
        if (value > this.max) this.max = value;
        if (value < MIN_INDEXED) {
            this.small++;
            return;
        }
        // Allocated on the first value: a station nobody reaches costs nothing.
        const counts = (this.counts ??= new Float64Array(BUCKETS));
        counts[Math.min(BUCKETS - 1, Math.ceil(Math.log(value) / LOG_GAMMA) - OFFSET)]++;
    }

    get mean(): number {
        return this.count > 0 ? this.sum / this.count : 0;
    }

    /** The q-quantile by nearest rank (as `quantile` in statistics.ts), within the sketch's accuracy; 0 when empty. */
    quantile(q: number): number {
        if (this.count === 0) return 0;
        const rank = Math.min(this.count, Math.max(1, Math.ceil(q * this.count)));
        let seen = this.small;
        if (rank <= seen || !this.counts) return this.min;
        for (let i = 0; i < BUCKETS; i++) {
            seen += this.counts[i];
            if (seen >= rank) return Math.min(this.max, Math.max(this.min, (2 * Math.pow(GAMMA, i + OFFSET)) / (GAMMA + 1)));
        }
        return this.max;
    }
}

/** The cycle-time histogram's upper bin edges in seconds: fixed, so replications merge by adding counts; the last bin is open. */
export const CYCLE_TIME_BINS: readonly number[] = [60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 43_200, 86_400, 172_800, 259_200, 432_000, 604_800, 1_209_600, 2_592_000];

/** The bin of a value: the first whose upper edge it does not exceed, else the open last bin. */
export function binOf(value: number, edges: readonly number[] = CYCLE_TIME_BINS): number {
    let low = 0;
    let high = edges.length;
    while (low < high) {
        const mid = (low + high) >> 1;
        if (value <= edges[mid]) high = mid;
        else low = mid + 1;
    }
    return low;
}
