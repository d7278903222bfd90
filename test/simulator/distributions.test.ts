import { describe, expect, it } from 'vitest';
import { EventQueue, meanOf, Random, sample, type Distribution } from '../../language/simulator/index.js';

const N = 200_000;

function moments(distribution: Distribution, seed: number): { mean: number; sd: number; min: number; max: number } {
    const random = Random.fromSeed(seed);
    let sum = 0;
    let squares = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < N; i++) {
        const x = sample(distribution, random);
        sum += x;
        squares += x * x;
        min = Math.min(min, x);
        max = Math.max(max, x);
    }
    const mean = sum / N;
    return { mean, sd: Math.sqrt(squares / N - mean * mean), min, max };
}

describe('distribution samplers', () => {
    // Each with its known standard deviation: the sample mean of N draws lies within 4 standard errors.
    const cases: Array<[Distribution, number]> = [
        [{ kind: 'fixed', value: 7 }, 0],
        [{ kind: 'exponential', mean: 900 }, 900],
        [{ kind: 'lognormal', mean: 900, sd: 600 }, 600],
        [{ kind: 'gamma', shape: 2.5, scale: 100 }, Math.sqrt(2.5) * 100],
        [{ kind: 'gamma', shape: 0.5, scale: 10 }, Math.sqrt(0.5) * 10],
        [{ kind: 'triangular', min: 10, mode: 20, max: 60 }, Math.sqrt((100 + 400 + 3600 - 200 - 600 - 1200) / 18)],
        [{ kind: 'uniform', min: 5, max: 15 }, 10 / Math.sqrt(12)],
        [{ kind: 'empirical', values: [1, 2, 10], weights: [0.5, 0.3, 0.2] }, Math.sqrt(0.5 * 1 + 0.3 * 4 + 0.2 * 100 - 3.1 ** 2)],
        [{ kind: 'beta', alpha: 18, beta: 2 }, Math.sqrt((18 * 2) / (20 * 20 * 21))],
    ];
    for (const [distribution, sd] of cases) {
        it(`${distribution.kind} ${JSON.stringify(distribution)} has the declared mean and spread`, () => {
            const found = moments(distribution, 11);
            const mean = meanOf(distribution);
            expect(Math.abs(found.mean - mean)).toBeLessThanOrEqual(4 * (sd / Math.sqrt(N)) + 1e-12);
            expect(Math.abs(found.sd - sd)).toBeLessThanOrEqual(0.03 * sd + 1e-12);
        });
    }

    it('keeps bounded distributions in their bounds', () => {
        expect(moments({ kind: 'triangular', min: 10, mode: 20, max: 60 }, 1)).toMatchObject({ min: expect.toSatisfy((x: number) => x >= 10), max: expect.toSatisfy((x: number) => x <= 60) });
        const beta = moments({ kind: 'beta', alpha: 0.5, beta: 0.5 }, 2);
        expect(beta.min).toBeGreaterThanOrEqual(0);
        expect(beta.max).toBeLessThanOrEqual(1);
        expect(moments({ kind: 'exponential', mean: 1 }, 3).min).toBeGreaterThanOrEqual(0);
    });

    it('draws the same sequence from the same seed, and independent streams per replication', () => {
        const draw = (random: Random) => Array.from({ length: 5 }, () => random.next());
        expect(draw(Random.fromSeed(9))).toEqual(draw(Random.fromSeed(9)));
        expect(draw(Random.fromSeed(9))).not.toEqual(draw(Random.fromSeed(10)));
        const root = Random.fromSeed(9);
        expect(draw(root.stream(1))).toEqual(draw(Random.fromSeed(9).stream(1)));
        expect(draw(root.stream(1))).not.toEqual(draw(root.stream(0)));
    });
});

describe('event queue', () => {
    it('pops by time and, at equal times, in the order scheduled, with each event\'s kind, target and tag', () => {
        const queue = new EventQueue<string>();
        const random = Random.fromSeed(4);
        const pushed: Array<[number, string, number]> = [];
        for (let i = 0; i < 5000; i++) {
            const time = Math.floor(random.next() * 50);
            pushed.push([time, `e${i}`, i]);
            queue.push(time, i % 7, `e${i}`, i);
            // Pop now and then, so pushes meet a heap that has been sifted down.
            if (i % 5 === 4) {
                const taken = pushed.sort((a, b) => a[0] - b[0] || a[2] - b[2]).shift()!;
                expect(queue.pop()).toBe(true);
                expect([queue.time, queue.target, queue.kind, queue.tag]).toEqual([taken[0], taken[1], taken[2] % 7, taken[2]]);
            }
        }
        const expected = pushed.sort((a, b) => a[0] - b[0] || a[2] - b[2]).map(([, name]) => name);
        const popped: string[] = [];
        while (queue.pop()) popped.push(queue.target!);
        expect(popped).toEqual(expected);
        expect(queue.size).toBe(0);
    });
});
