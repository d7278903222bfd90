import { describe, expect, it } from 'vitest';
import { compileTexts } from '../compile/workspace.js';
import { estimate, simulateRun, type AuditRecord, type RunResult, type Scenario } from '../../language/simulator/index.js';
import { AI_THEN_BRANCH, FOUR_EYES, RISK_ORDER, TWO_ROLES } from './workflows.js';

const HOUR = 3600;
const sparse = { cases: 200, arrivals: { kind: 'poisson', ratePerHour: 0.01 } } as const;

/** The human-action records of a run, by case. */
function actionsByCase(records: readonly AuditRecord[]): Map<string, Array<{ id: string; role: string }>> {
    const byCase = new Map<string, Array<{ id: string; role: string }>>();
    for (const record of records) {
        if (record.event !== 'human-action') continue;
        const list = byCase.get(String(record.caseId)) ?? [];
        list.push(record.actor as { id: string; role: string });
        byCase.set(String(record.caseId), list);
    }
    return byCase;
}

describe('four-eyes gates', () => {
    it('have two different people of the role each take a handling time, one after the other', async () => {
        const model = await compileTexts({ 'four-eyes.hitl': FOUR_EYES });
        const records: AuditRecord[] = [];
        const run = simulateRun(model, {
            workflow: 'FourEyes',
            seed: 1,
            scenario: { ...sparse, roles: { Reviewer: { staff: 3 } }, steps: { Review: { duration: { kind: 'fixed', value: HOUR } } } },
            onAuditRecord: (record) => records.push(record),
        });
        // Nobody waits: each case takes exactly two handling times.
        expect(run.cycleTime.p50).toBe(2 * HOUR);
        expect(run.cycleTime.p99).toBe(2 * HOUR);
        expect(run.stations[0]).toMatchObject({ reviewers: 2, served: 200 });
        expect(run.roles[0]).toMatchObject({ party: 'Reviewer', tasks: 400, busyHours: 400 });
        const byCase = actionsByCase(records);
        expect(byCase.size).toBe(200);
        for (const actors of byCase.values()) {
            expect(actors).toHaveLength(2);
            expect(actors[0].id).not.toBe(actors[1].id);
        }
    });

    it('keep the two people distinct when the role has only two and both are busy', async () => {
        const model = await compileTexts({ 'four-eyes.hitl': FOUR_EYES });
        const records: AuditRecord[] = [];
        const run = simulateRun(model, {
            workflow: 'FourEyes',
            seed: 2,
            scenario: { cases: 2000, arrivals: { kind: 'poisson', ratePerHour: 2 }, roles: { Reviewer: { staff: 2 } }, steps: { Review: { duration: { kind: 'exponential', mean: 0.4 * HOUR } } } },
            onAuditRecord: (record) => records.push(record),
        });
        expect(run.cases.finished).toBe(2000);
        expect(run.stations[0].waitedShare).toBeGreaterThan(0.2);
        for (const actors of actionsByCase(records).values()) expect(new Set(actors.map((actor) => actor.id)).size).toBe(2);
    });

    it('give the second review to the second reviewer role when the gate names two', async () => {
        const model = await compileTexts({ 'two-roles.hitl': TWO_ROLES });
        const records: AuditRecord[] = [];
        const run = simulateRun(model, { workflow: 'TwoRoles', seed: 3, scenario: { ...sparse, roles: { Checker: { staff: 1 } } }, onAuditRecord: (record) => records.push(record) });
        expect(run.stations[0].reviewers).toBe(2);
        for (const actors of actionsByCase(records).values()) expect(actors.map((actor) => actor.role)).toEqual(['Reviewer', 'Checker']);
        expect(run.roles.map((role) => [role.party, role.tasks])).toEqual([
            ['Checker', 200],
            ['Reviewer', 200],
        ]);
    });
});

describe('queue order by risk grade', () => {
    // One reviewer serves both gates: λ = 2.4 per hour, exponential handling of mean 20 minutes, ρ = 0.8; 30% of items are high risk.
    const mean = HOUR / 3;
    const lambda = 2.4 / HOUR;
    const rho = lambda * mean;
    const rhoHigh = 0.3 * rho;
    const scenario = (discipline: 'fifo' | 'risk'): Scenario => ({
        cases: 6000,
        warmupCases: 500,
        arrivals: { kind: 'poisson', ratePerHour: 2.4 },
        roles: { Reviewer: { staff: 1, discipline, handling: { kind: 'exponential', mean } } },
        steps: { HighReview: { duration: { kind: 'exponential', mean } }, LowReview: { duration: { kind: 'exponential', mean } } },
        attributes: { grade: { kind: 'choice', values: { high: 0.3, low: 0.7 } } },
    });
    const waits = async (discipline: 'fifo' | 'risk') => {
        const model = await compileTexts({ 'risk.hitl': RISK_ORDER });
        const runs: RunResult[] = [];
        for (let replication = 0; replication < 10; replication++) runs.push(simulateRun(model, { workflow: 'RiskOrder', seed: 17, replication, scenario: scenario(discipline) }));
        const of = (step: string) => estimate(runs.map((run) => run.stations.find((station) => station.step === step)!.meanWait));
        return { high: of('HighReview'), low: of('LowReview'), stations: runs[0].stations };
    };

    it('serves high-risk items first: the waits agree with the non-preemptive priority M/M/1 (Cobham)', async () => {
        const { high, low, stations } = await waits('risk');
        expect(stations.map((station) => [station.step, station.risk, station.discipline])).toEqual([
            ['HighReview', 'high', 'risk'],
            ['LowReview', 'low', 'risk'],
        ]);
        // W0 = ρ × mean (the residual work an arrival finds); Wq(high) = W0 / (1 − ρ_high); Wq(low) = W0 / ((1 − ρ_high)(1 − ρ)).
        const w0 = rho * mean;
        const expectedHigh = w0 / (1 - rhoHigh);
        const expectedLow = w0 / ((1 - rhoHigh) * (1 - rho));
        // The intervals are narrow enough for the comparison to mean something.
        expect(high.ci95 / expectedHigh).toBeLessThan(0.1);
        expect(low.ci95 / expectedLow).toBeLessThan(0.15);
        expect(low.mean / high.mean).toBeGreaterThan(3);
        expect(Math.abs(high.mean - expectedHigh)).toBeLessThan(2 * high.ci95 + 0.03 * expectedHigh);
        expect(Math.abs(low.mean - expectedLow)).toBeLessThan(2 * low.ci95 + 0.03 * expectedLow);
    });

    it('serves everyone first come first served by default: both wait the M/M/1 wait', async () => {
        const { high, low } = await waits('fifo');
        const expected = (rho / (1 - rho)) * mean;
        expect(Math.abs(high.mean - expected)).toBeLessThan(2 * high.ci95 + 0.03 * expected);
        expect(Math.abs(low.mean - expected)).toBeLessThan(2 * low.ci95 + 0.03 * expected);
    });
});

describe('outage windows', () => {
    it('fail every AI run inside the window to its fallback, and report the load added inside and outside', async () => {
        const model = await compileTexts({ 'ai.hitl': AI_THEN_BRANCH });
        const run = simulateRun(model, {
            workflow: 'AiThenBranch',
            seed: 4,
            scenario: {
                cases: 600,
                arrivals: { kind: 'poisson', ratePerHour: 6 },
                steps: { Classify: { failures: { unavailable: 0.05, 'abnormal-output': 0 }, confidence: { kind: 'beta', alpha: 4, beta: 1 }, outages: [{ from: 10 * HOUR, to: 30 * HOUR }] } },
            },
        });
        const ai = run.aiSteps[0];
        expect(run.outageHours).toBe(20);
        // 20 hours at 6 per hour: 120 runs expected (Poisson, sd 11).
        expect(Math.abs(ai.outageRuns - 120)).toBeLessThan(4 * 11);
        const outside = ai.failures.unavailable! - ai.outageRuns;
        expect(ai.fallbackLoad).toEqual([{ step: 'Manual', duringOutages: ai.outageRuns, outsideOutages: outside }]);
        const manual = run.stations.find((station) => station.step === 'Manual')!;
        const outsideHours = run.simulatedSeconds / HOUR - 20;
        expect(manual.fallbackLoad).toEqual({
            duringOutages: { entries: ai.outageRuns, perHour: Math.round((ai.outageRuns / 20) * 1e6) / 1e6 },
            outsideOutages: { entries: outside, perHour: Math.round((outside / outsideHours) * 1e6) / 1e6 },
        });
        // Outside the window, 5% of 6 per hour fail.
        expect(Math.abs(manual.fallbackLoad.outsideOutages.perHour - 0.3)).toBeLessThan(0.15);
        // Low-confidence routes are not failures: the manual queue takes them besides the fallbacks.
        expect(manual.entered).toBe(ai.failures.unavailable! + ai.lowConfidence);
    });
});
