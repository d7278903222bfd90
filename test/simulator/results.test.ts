import { describe, expect, it } from 'vitest';
import { compileTexts } from '../compile/workspace.js';
import { quantile, QuantileSketch, Random, RELATIVE_ACCURACY, sample, simulate, simulateRun, summarise, type RunResult, type Scenario } from '../../language/simulator/index.js';
import { ESCALATE_ON_TIMEOUT, ONE_GATE } from './workflows.js';

const HOUR = 3600;

describe('the quantile sketch', () => {
    it('answers every percentile within its relative accuracy of the exact one, in fixed memory', () => {
        const random = Random.fromSeed(3);
        const sketch = new QuantileSketch();
        const values: number[] = [];
        for (let i = 0; i < 100_000; i++) {
            // Seconds to weeks, and some instant (zero) values.
            const value = i % 50 === 0 ? 0 : sample({ kind: 'lognormal', mean: 4 * HOUR, sd: 12 * HOUR }, random);
            values.push(value);
            sketch.add(value);
        }
        const sorted = Float64Array.from(values).sort();
        for (const q of [0.01, 0.02, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999]) {
            const exact = quantile(sorted, q);
            expect(Math.abs(sketch.quantile(q) - exact), `q ${q}`).toBeLessThanOrEqual(RELATIVE_ACCURACY * exact + 1e-3);
        }
        expect(sketch.quantile(1)).toBe(sorted[sorted.length - 1]);
        expect(sketch.mean).toBeCloseTo(values.reduce((sum, x) => sum + x, 0) / values.length, 6);
    });

    it('answers a constant exactly, and 0 when empty', () => {
        const sketch = new QuantileSketch();
        expect(sketch.quantile(0.5)).toBe(0);
        for (let i = 0; i < 10; i++) sketch.add(3600);
        expect([sketch.quantile(0.01), sketch.quantile(0.99)]).toEqual([3600, 3600]);
    });
});

describe('run results', () => {
    // An M/M/4 gate at ρ = 0.75: Wq = 0.509 h, so the mean queue Lq = λ Wq = 1.53 items (Little).
    const scenario: Scenario = {
        cases: 30_000,
        warmupCases: 1_000,
        arrivals: { kind: 'poisson', ratePerHour: 3 },
        roles: { Reviewer: { staff: 4 } },
        steps: { Review: { duration: { kind: 'exponential', mean: HOUR } } },
    };

    it('count throughput per day, bin every measured cycle time, and sample the backlog at a doubling interval', async () => {
        const model = await compileTexts({ 'one-gate.hitl': ONE_GATE });
        const run = simulateRun(model, { workflow: 'OneGate', seed: 9, scenario });
        expect(run.cycleTimeHistogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(29_000);
        expect(run.cycleTimeHistogram.at(-1)!.upTo).toBeNull();
        expect(Math.abs(run.throughputPerDay - 72) / 72).toBeLessThan(0.03);
        const backlog = run.roles[0].backlog;
        // 10,000 hours of run: hourly samples would be 10,000; the interval doubled to stay under 2,048.
        expect(backlog.every).toBe(8 * HOUR);
        expect(backlog.values.length).toBe(Math.floor(run.simulatedSeconds / backlog.every) + 1);
        const mean = backlog.values.reduce((sum, x) => sum + x, 0) / backlog.values.length;
        expect(Math.abs(mean - 1.527) / 1.527).toBeLessThan(0.2);
        expect(run.stations[0].p90Wait).toBeGreaterThan(run.stations[0].meanWait);
    });

    it('summarise each figure over replications, the backlog on the coarsest interval', async () => {
        const model = await compileTexts({ 'escalate.hitl': ESCALATE_ON_TIMEOUT });
        const { runs, summary } = simulate(model, { workflow: 'EscalateOnTimeout', seed: 4, replications: 5, scenario: { cases: 500, steps: { Review: { duration: { kind: 'exponential', mean: HOUR } } } } });
        const mean = (values: number[]) => values.reduce((sum, x) => sum + x, 0) / values.length;
        expect(summary.throughputPerDay.mean).toBeCloseTo(mean(runs.map((run) => run.throughputPerDay)), 3);
        expect(summary.stations[0].escalationRate.mean).toBeCloseTo(mean(runs.map((run) => run.stations[0].escalationRate)), 6);
        expect(summary.stations[0].levels.map((level) => level.party)).toEqual(['Lead', 'Head']);
        expect(summary.cycleTimeHistogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(2500);
        expect(summary.cycleTimeHistogram.reduce((sum, bin) => sum + bin.share.mean, 0)).toBeCloseTo(1, 5);

        const withBacklog = (run: RunResult, every: number, values: number[]): RunResult => ({ ...run, roles: run.roles.map((role) => ({ ...role, backlog: { every, values } })) });
        const aligned = summarise([withBacklog(runs[0], HOUR, [1, 2, 3, 4, 5]), withBacklog(runs[1], 2 * HOUR, [10, 30, 50, 70])]);
        expect(aligned.roles[0].backlog.every).toBe(2 * HOUR);
        expect(aligned.roles[0].backlog.values.map((value) => value.mean)).toEqual([5.5, 16.5, 27.5, 70]);
    });
});
