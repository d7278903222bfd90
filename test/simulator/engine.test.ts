import { describe, expect, it } from 'vitest';
import { compileFolder, compileTexts } from '../compile/workspace.js';
import { estimate, simulate, simulateRun, summarise, type RunResult, type Scenario } from '../../language/simulator/index.js';
import { AI_THEN_BRANCH, DENY_ON_TIMEOUT, ESCALATE_ON_TIMEOUT, ONE_GATE } from './workflows.js';

const HOUR = 3600;

describe('determinism', () => {
    it('gives the same result, to the byte, for the same seed, and another for another seed', async () => {
        const { model } = await compileFolder('samples');
        const options = { workflow: 'CreditLimitIncrease', scenario: { cases: 3000 } };
        const first = simulateRun(model, { ...options, seed: 42 });
        const again = simulateRun(model, { ...options, seed: 42 });
        expect(again).toEqual(first);
        expect(JSON.stringify(again)).toBe(JSON.stringify(first));
        const other = simulateRun(model, { ...options, seed: 43 });
        expect(other.cycleTime).not.toEqual(first.cycleTime);
        const replication = simulateRun(model, { ...options, seed: 42, replication: 1 });
        expect(replication.cycleTime).not.toEqual(first.cycleTime);
    });
});

describe('every sample', () => {
    it('simulates with the defaults: every case ends at a declared outcome', async () => {
        const { model } = await compileFolder('samples');
        expect(model.workflows.length).toBeGreaterThanOrEqual(6);
        for (const workflow of model.workflows) {
            const result = simulateRun(model, { workflow: workflow.id, seed: 1, scenario: { cases: 500 } });
            expect(result.cases.arrived, workflow.id).toBe(500);
            expect(result.cases.finished + result.cases.inProgress, workflow.id).toBe(500);
            const outcomes = new Set(workflow.steps.filter((step) => step.kind === 'outcome').map((step) => step.id));
            // A case ends at a declared outcome, or as its declared timeout action says (deny with no reject route, pause).
            for (const { outcome } of result.outcomes) expect(outcomes.has(outcome) || ['denied', 'paused', 'rejected'].includes(outcome), `${workflow.id}: ${outcome}`).toBe(true);
            expect(result.cycleTime.p50, workflow.id).toBeGreaterThan(0);
        }
    });
});

/** Erlang C: the probability that an arrival waits in an M/M/c queue with offered load a = λ/μ. */
function erlangC(c: number, a: number): number {
    let term = 1;
    let sum = 0;
    for (let k = 0; k < c; k++) {
        sum += term;
        term = (term * a) / (k + 1);
    }
    const top = term / (1 - a / c);
    return top / (sum + top);
}

describe('an M/M/c gate agrees with Erlang C', () => {
    // λ = 3 per hour, mean handling 1 hour, 4 reviewers: ρ = 0.75, P(wait) = 0.509, Wq = P(wait)/(cμ − λ) = 0.509 h.
    const c = 4;
    const lambda = 3 / HOUR;
    const mean = HOUR;
    const scenario: Scenario = {
        cases: 20_000,
        warmupCases: 2_000,
        arrivals: { kind: 'poisson', ratePerHour: 3 },
        roles: { Reviewer: { staff: c } },
        steps: { Review: { duration: { kind: 'exponential', mean } } },
    };

    it('in mean wait, probability of waiting and utilisation, within the 95% interval over 10 replications', async () => {
        const model = await compileTexts({ 'one-gate.hitl': ONE_GATE });
        const runs: RunResult[] = [];
        for (let replication = 0; replication < 10; replication++) runs.push(simulateRun(model, { workflow: 'OneGate', scenario, seed: 2026, replication }));
        const station = (run: RunResult) => run.stations.find((s) => s.step === 'Review')!;
        const a = lambda * mean;
        const pWait = erlangC(c, a);
        const wq = pWait / (c / mean - lambda);
        const wait = estimate(runs.map((run) => station(run).meanWait));
        const waited = estimate(runs.map((run) => station(run).waitedShare));
        const utilisation = estimate(runs.map((run) => station(run).utilisation));
        // The interval must be narrow enough for the comparison to mean something...
        expect(wait.ci95 / wq).toBeLessThan(0.1);
        // ...and the closed form must lie within it (doubled: ten replications estimate the spread coarsely).
        expect(Math.abs(wait.mean - wq)).toBeLessThan(2 * wait.ci95);
        expect(Math.abs(waited.mean - pWait)).toBeLessThan(2 * waited.ci95 + 0.005);
        expect(Math.abs(utilisation.mean - a / c)).toBeLessThan(2 * utilisation.ci95 + 0.005);
    });
});

describe('SLA timers', () => {
    // Sparse arrivals and many reviewers: nobody waits, so each case's path is set by the handling time alone.
    const sparse = { cases: 200, arrivals: { kind: 'poisson', ratePerHour: 0.01 } } as const;

    it('deny: an item nobody decides within the SLA takes the reject route at exactly the SLA', async () => {
        const model = await compileTexts({ 'deny.hitl': DENY_ON_TIMEOUT });
        const result = simulateRun(model, {
            workflow: 'DenyOnTimeout',
            seed: 3,
            scenario: { ...sparse, steps: { Review: { duration: { kind: 'fixed', value: 2 * HOUR }, actions: { approve: 1 } } } },
        });
        expect(result.outcomes).toEqual([{ outcome: 'Rejected', count: 200, share: 1 }]);
        expect(result.cycleTime.p50).toBe(HOUR);
        expect(result.cycleTime.p99).toBe(HOUR);
        const station = result.stations[0];
        expect(station).toMatchObject({ slaBreaches: 200, breachRate: 1, served: 0, timeouts: { deny: 200 } });
        expect(result.people.decidedByPerson).toBe(0);
    });

    it('deny: an item decided in time is not touched by the timer', async () => {
        const model = await compileTexts({ 'deny.hitl': DENY_ON_TIMEOUT });
        const result = simulateRun(model, {
            workflow: 'DenyOnTimeout',
            seed: 3,
            scenario: { ...sparse, steps: { Review: { duration: { kind: 'fixed', value: 0.5 * HOUR }, actions: { approve: 1 } } } },
        });
        expect(result.outcomes).toEqual([{ outcome: 'Approved', count: 200, share: 1 }]);
        expect(result.cycleTime.p99).toBe(0.5 * HOUR);
        expect(result.stations[0]).toMatchObject({ slaBreaches: 0, served: 200 });
    });

    it('escalate: level by level with each level\'s own time, then the chain\'s timeout action', async () => {
        const model = await compileTexts({ 'escalate.hitl': ESCALATE_ON_TIMEOUT });
        // Nobody anywhere finishes in 2 hours: SLA 1h, Lead 30m, Head 1h, then deny → Rejected at 2h30m.
        const slow = simulateRun(model, {
            workflow: 'EscalateOnTimeout',
            seed: 5,
            scenario: { ...sparse, steps: { Review: { duration: { kind: 'fixed', value: 2 * HOUR }, actions: { approve: 1 } } } },
        });
        expect(slow.outcomes).toEqual([{ outcome: 'Rejected', count: 200, share: 1 }]);
        expect(slow.cycleTime.p50).toBe(2.5 * HOUR);
        expect(slow.escalations).toEqual([
            {
                escalation: 'workflow:Chain',
                entered: 200,
                levels: [
                    { level: 1, party: 'Lead', reached: 200, timedOut: 200 },
                    { level: 2, party: 'Head', reached: 200, timedOut: 200 },
                ],
                exhausted: 200,
            },
        ]);
        // The Head takes 45 minutes: within its hour, so the Head decides (approve) at 1h + 30m + 45m.
        const headDecides = simulateRun(model, {
            workflow: 'EscalateOnTimeout',
            seed: 5,
            scenario: {
                ...sparse,
                roles: { Head: { handling: { kind: 'fixed', value: 0.75 * HOUR } } },
                steps: { Review: { duration: { kind: 'fixed', value: 2 * HOUR }, actions: { approve: 1 } } },
            },
        });
        expect(headDecides.outcomes).toEqual([{ outcome: 'Approved', count: 200, share: 1 }]);
        expect(headDecides.cycleTime.p50).toBe(2.25 * HOUR);
        expect(headDecides.escalations[0]).toMatchObject({ entered: 200, exhausted: 0, levels: [{ reached: 200, timedOut: 200 }, { reached: 200, timedOut: 0 }] });
        expect(headDecides.people.decidedByPerson).toBe(1);
    });
});

describe('scenario', () => {
    it('refuses a step the workflow does not have', async () => {
        const model = await compileTexts({ 'one-gate.hitl': ONE_GATE });
        expect(() => simulateRun(model, { workflow: 'OneGate', seed: 1, scenario: { steps: { Reveiw: {} } } })).toThrow(/Reveiw/);
    });
});

describe('AI steps and branches', () => {
    const cases = 20_000;
    /** Within four standard errors of a share p estimated from n trials. */
    const near = (found: number, p: number, n: number) => expect(Math.abs(found - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / n));

    it('routes below the confidence threshold by the share the beta distribution puts there, and failures to their fallback', async () => {
        const model = await compileTexts({ 'ai.hitl': AI_THEN_BRANCH });
        // Beta(4, 1) has CDF x^4: P(confidence < 0.8) = 0.8^4 = 0.4096.
        const result = simulateRun(model, {
            workflow: 'AiThenBranch',
            seed: 8,
            scenario: { cases, steps: { Classify: { confidence: { kind: 'beta', alpha: 4, beta: 1 }, failures: { unavailable: 0.1, 'abnormal-output': 0 } } } },
        });
        const ai = result.aiSteps[0];
        const unavailable = ai.failures.unavailable ?? 0;
        near(unavailable / ai.runs, 0.1, cases);
        near(ai.lowConfidence / (ai.runs - unavailable), 0.4096, ai.runs - unavailable);
        // Both the outage and low confidence send the case to the manual queue.
        const manual = result.stations.find((station) => station.step === 'Manual')!;
        expect(manual.entered).toBe(unavailable + ai.lowConfidence);
        near(result.people.reachedPerson, 0.1 + 0.9 * 0.4096, cases);
    });

    it('takes a `when` route by its declared probability hint', async () => {
        const model = await compileTexts({ 'ai.hitl': AI_THEN_BRANCH });
        const result = simulateRun(model, { workflow: 'AiThenBranch', seed: 9, scenario: { cases } });
        near(result.outcomes.find((o) => o.outcome === 'Large')!.share, 0.2, cases);
    });

    it('evaluates the condition on case attributes when the scenario gives them', async () => {
        const model = await compileTexts({ 'ai.hitl': AI_THEN_BRANCH });
        // amount uniform on [0, 5000]: P(amount > 1000) = 0.8, whatever the hint says.
        const result = simulateRun(model, {
            workflow: 'AiThenBranch',
            seed: 9,
            scenario: { cases, attributes: { amount: { kind: 'number', distribution: { kind: 'uniform', min: 0, max: 5000 } } } },
        });
        near(result.outcomes.find((o) => o.outcome === 'Large')!.share, 0.8, cases);
    });
});

describe('replications', () => {
    it('summarise the same whatever order the replications ran in, and hold the closed form of a pure delay in their interval', async () => {
        const model = await compileTexts({ 'one-gate.hitl': ONE_GATE });
        // Ample staff: the time in the system is the handling time alone, a pure delay of mean 1 h.
        const scenario: Scenario = { cases: 2_000, roles: { Reviewer: { staff: 50 } }, steps: { Review: { duration: { kind: 'gamma', shape: 2, scale: HOUR / 2 } } } };
        const { runs, summary } = simulate(model, { workflow: 'OneGate', scenario, seed: 77, replications: 8 });
        expect(summarise([...runs].reverse())).toEqual(summary);
        expect(JSON.stringify(simulate(model, { workflow: 'OneGate', scenario, seed: 77, replications: 8 }).summary)).toBe(JSON.stringify(summary));
        expect(summary.cycleTime.mean.ci95).toBeGreaterThan(0);
        expect(Math.abs(summary.cycleTime.mean.mean - HOUR)).toBeLessThan(2 * summary.cycleTime.mean.ci95);
        expect(summary.stations[0].meanWait.mean).toBe(0);
    });
});
