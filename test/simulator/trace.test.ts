import { describe, expect, it } from 'vitest';
import { compileTexts } from '../compile/workspace.js';
import { simulateRun } from '../../language/simulator/index.js';
import { AI_THEN_BRANCH, ESCALATE_ON_TIMEOUT } from './workflows.js';

const HOUR = 3600;

describe('the trace of one case', () => {
    it('tells each step with its time, who acted, and the SLA and escalation level that fired', async () => {
        const model = await compileTexts({ 'escalate.hitl': ESCALATE_ON_TIMEOUT });
        // Nobody finishes in time: SLA 1h, then the Lead's 30m, then the Head's 1h, then deny.
        const run = simulateRun(model, {
            workflow: 'EscalateOnTimeout',
            seed: 5,
            scenario: { cases: 3, arrivals: { kind: 'trace', file: 'a.csv' }, arrivalTimes: [0, 10 * HOUR, 20 * HOUR], steps: { Review: { duration: { kind: 'fixed', value: 2 * HOUR }, actions: { approve: 1 } } } },
            traceCase: 1,
        });
        const lines = run.trace!.map((entry) => [entry.time - 10 * HOUR, entry.step, entry.actor, entry.event, entry.to ?? '']);
        expect(lines).toEqual([
            [0, 'Review', 'system', 'arrived', 'Review'],
            [0, 'Review', 'system', 'waiting', ''],
            [0, 'Review', 'Reviewer#1', 'started', ''],
            [HOUR, 'Review', 'timer', 'timeout', ''],
            [HOUR, 'Review', 'timer', 'escalated', ''],
            [HOUR, 'Review', 'system', 'waiting', ''],
            [HOUR, 'Review', 'Lead#1', 'started', ''],
            [1.5 * HOUR, 'Review', 'timer', 'timeout', ''],
            [1.5 * HOUR, 'Review', 'timer', 'escalated', ''],
            [1.5 * HOUR, 'Review', 'system', 'waiting', ''],
            [1.5 * HOUR, 'Review', 'Head#1', 'started', ''],
            [2.5 * HOUR, 'Review', 'timer', 'timeout', ''],
            [2.5 * HOUR, 'Rejected', 'system', 'finished', ''],
        ]);
        const details = run.trace!.map((entry) => entry.detail);
        expect(details[3]).toBe("the 1h SLA fires: 'escalate'");
        expect(details[4]).toBe('escalated to level 1 of Chain: Lead, within 30m');
        expect(details[8]).toBe('escalated to level 2 of Chain: Head, within 1h');
        expect(details[12]).toBe('ends as Rejected after 2h 30m');
        expect(run.trace![0].at).toBe('2026-01-05T10:00:00.000Z');
        // Only the case asked for is traced, and a run without the option carries no trace.
        expect(run.trace!.every((entry) => entry.time >= 10 * HOUR && entry.time < 20 * HOUR)).toBe(true);
        expect(simulateRun(model, { workflow: 'EscalateOnTimeout', seed: 5, scenario: { cases: 3 } })).not.toHaveProperty('trace');
    });

    it('says why each route was taken: the confidence against the threshold, the failure mode, the condition or the drawn branch', async () => {
        const model = await compileTexts({ 'ai.hitl': AI_THEN_BRANCH });
        const confident = simulateRun(model, {
            workflow: 'AiThenBranch',
            seed: 1,
            scenario: { cases: 1, steps: { Classify: { confidence: { kind: 'empirical', values: [0.95] }, failures: { unavailable: 0, 'abnormal-output': 0 } } }, attributes: { amount: { kind: 'number', distribution: { kind: 'fixed', value: 2500 } } } },
            traceCase: 0,
        });
        const details = confident.trace!.map((entry) => entry.detail);
        expect(details.slice(0, 3)).toEqual(['case 0 arrives', 'confidence 0.950 is at or above the threshold 0.8', "'amount > 1000' holds (amount = 2500)"]);
        expect(details[3]).toMatch(/^ends as Large after \d/);
        const unsure = simulateRun(model, { workflow: 'AiThenBranch', seed: 1, scenario: { cases: 1, steps: { Classify: { confidence: { kind: 'empirical', values: [0.5] } } } }, traceCase: 0 });
        expect(unsure.trace!.find((entry) => entry.event === 'ai-output')).toMatchObject({ detail: 'confidence 0.500 is below the threshold 0.8: the low-confidence route', to: 'Manual' });
        expect(unsure.trace!.find((entry) => entry.event === 'routed')!.detail).toMatch(/^'amount > 1000' drawn with probability 0.2 \(the declared hints|^otherwise drawn with probability 0.8 \(the declared hints/);
        const down = simulateRun(model, { workflow: 'AiThenBranch', seed: 1, scenario: { cases: 1, steps: { Classify: { outages: [{ from: 0, to: 1000 * HOUR }] } } }, traceCase: 0 });
        expect(down.trace!.find((entry) => entry.event === 'ai-failure')).toMatchObject({ detail: "the AI step fails: unavailable (in an outage window); its 'unavailable' fallback under Hold applies", to: 'Manual' });
    });
});
