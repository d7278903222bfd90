import { describe, expect, it } from 'vitest';
import { compileTexts } from '../compile/workspace.js';
import { estimate, meanOf, simulateRun, type Distribution, type Estimate, type RunResult, type Scenario } from '../../language/simulator/index.js';
import { DELAY_CHAIN, ESCALATE_ON_TIMEOUT, ONE_GATE } from './workflows.js';

/**
 * Results the simulation must reproduce within its own 95% interval over replications. Each
 * check also bounds the interval, so a comparison against a wide one cannot pass by luck.
 */

const HOUR = 3600;

async function replicate(source: Record<string, string>, workflow: string, scenario: Scenario, replications = 10): Promise<RunResult[]> {
    const model = await compileTexts(source);
    return Array.from({ length: replications }, (_, replication) => simulateRun(model, { workflow, scenario, seed: 2027, replication }));
}

/** The closed form lies within twice the 95% half-width (ten replications estimate the spread coarsely), and that half-width is under `precision` of it. */
function agrees(found: Estimate, expected: number, precision: number): void {
    expect(found.ci95 / expected, `interval ±${found.ci95} around ${found.mean}`).toBeLessThan(precision);
    expect(Math.abs(found.mean - expected), `${found.mean} ± ${found.ci95}, expected ${expected}`).toBeLessThan(2 * found.ci95);
}

describe('closed forms', () => {
    it('M/M/1: the mean time in the system is 1 / (μ − λ)', async () => {
        // λ = 0.5 per hour, μ = 1 per hour: 2 hours.
        const runs = await replicate({ 'one-gate.hitl': ONE_GATE }, 'OneGate', {
            cases: 20_000,
            warmupCases: 1_000,
            arrivals: { kind: 'poisson', ratePerHour: 0.5 },
            roles: { Reviewer: { staff: 1 } },
            steps: { Review: { duration: { kind: 'exponential', mean: HOUR } } },
        });
        agrees(estimate(runs.map((run) => run.cycleTime.mean)), 1 / (1 / HOUR - 0.5 / HOUR), 0.05);
    });

    it('an exponential handling time against a fixed SLA, with ample staff: a share exp(−SLA / mean) escalates', async () => {
        // SLA 1 hour, mean handling 1 hour: e^−1 = 0.368 of the items are escalated.
        const runs = await replicate({ 'escalate.hitl': ESCALATE_ON_TIMEOUT }, 'EscalateOnTimeout', {
            cases: 5_000,
            arrivals: { kind: 'poisson', ratePerHour: 1 },
            roles: { Reviewer: { staff: 60 }, Lead: { staff: 60 }, Head: { staff: 60 } },
            steps: { Review: { duration: { kind: 'exponential', mean: HOUR }, actions: { approve: 1 } } },
        });
        const review = (run: RunResult) => run.stations.find((station) => station.step === 'Review')!;
        agrees(estimate(runs.map((run) => review(run).escalationRate)), Math.exp(-1), 0.05);
        agrees(estimate(runs.map((run) => review(run).breachRate)), Math.exp(-1), 0.05);
        // Every escalated item reaches level 1 (the Lead); of those, the Lead's own exponential hour runs past its 30 minutes with e^−0.5.
        agrees(estimate(runs.map((run) => review(run).levels[1].share)), Math.exp(-1) * Math.exp(-0.5), 0.08);
    });

    it('a chain of pure delays: the mean time in the system is the sum of the means', async () => {
        const durations: Record<string, Distribution> = {
            Prepare: { kind: 'exponential', mean: 600 },
            Send: { kind: 'uniform', min: 300, max: 900 },
            Score: { kind: 'lognormal', mean: 2, sd: 1 },
            Review: { kind: 'gamma', shape: 2, scale: 600 },
        };
        const runs = await replicate({ 'delay.hitl': DELAY_CHAIN }, 'DelayChain', {
            cases: 5_000,
            arrivals: { kind: 'poisson', ratePerHour: 4 },
            roles: { Reviewer: { staff: 60 } },
            steps: {
                ...Object.fromEntries(Object.entries(durations).map(([step, duration]) => [step, { duration }])),
                Score: { duration: durations.Score, failures: { unavailable: 0, 'abnormal-output': 0 } },
            },
        });
        expect(runs[0].stations[0].waitedShare).toBe(0);
        const expected = Object.values(durations).reduce((sum, duration) => sum + meanOf(duration), 0);
        agrees(estimate(runs.map((run) => run.cycleTime.mean)), expected, 0.02);
    });
});
