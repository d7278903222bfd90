import { describe, expect, test } from 'vitest';
import { brokenBudgets, parseBudget, unknownSubject, type Budget } from '../../language/simulator/budgets.js';
import type { Summary } from '../../language/simulator/replications.js';
import { figure, station, summary } from './summaries.js';

/** A summary with two gates, one over its SLA most of the time. */
const SUMMARY: Summary = summary({
    reachedPerson: figure(0.6),
    withoutPerson: figure(0.4),
    cycleTime: { mean: figure(3600), p50: figure(1800), p90: figure(7200), p95: figure(10_800), p99: figure(36_000) },
    stations: [
        station({ step: 'UnderwriterReview', party: 'Underwriter', staff: 3, meanWait: figure(5400), breachRate: figure(0.23), utilisation: figure(0.9) }),
        station({ step: 'SeniorReview', party: 'SeniorUnderwriter', staff: 2, meanWait: figure(60), breachRate: figure(0.01), utilisation: figure(0.2) }),
    ],
    outcomes: [
        { outcome: 'Declined', share: figure(0.3) },
        { outcome: 'Granted', share: figure(0.7) },
    ],
});

function budget(text: string): Budget {
    const parsed = parseBudget(text);
    if ('error' in parsed) throw new Error(parsed.error);
    return parsed;
}

describe('a --fail-on budget', () => {
    test('reads shares as fractions and durations as seconds', () => {
        expect(budget('sla-breach>5%')).toMatchObject({ metric: 'sla-breach', operator: '>', limit: 0.05 });
        expect(budget('cycle-time-p95 >= 2d')).toMatchObject({ metric: 'cycle-time-p95', operator: '>=', limit: 172_800 });
        expect(budget('wait[UnderwriterReview]>4h')).toMatchObject({ metric: 'wait', subject: 'UnderwriterReview', limit: 14_400 });
        expect(budget('reached-person<12.5%')).toMatchObject({ operator: '<', limit: 0.125 });
    });

    test('says what is wrong with one it cannot read', () => {
        expect(parseBudget('sla-breech>5%')).toEqual({ error: expect.stringContaining("did you mean sla-breach") });
        expect(parseBudget('sla-breach>5')).toEqual({ error: expect.stringContaining('a percentage such as 5%') });
        expect(parseBudget('cycle-time>5%')).toEqual({ error: expect.stringContaining('a duration such as') });
        expect(parseBudget('cycle-time[Review]>2h')).toEqual({ error: expect.stringContaining('leave out [Review]') });
        expect(parseBudget('breaches')).toEqual({ error: expect.stringContaining('metric<op>value') });
    });

    test('breaks on the figures on the wrong side of its limit, per gate when no gate is named', () => {
        expect(brokenBudgets([budget('sla-breach>5%')], SUMMARY)).toEqual([{ budget: 'sla-breach>5%', subject: 'UnderwriterReview', value: 0.23, unit: 'share' }]);
        expect(brokenBudgets([budget('sla-breach[SeniorReview]>5%')], SUMMARY)).toEqual([]);
        expect(brokenBudgets([budget('sla-breach>25%')], SUMMARY)).toEqual([]);
        expect(brokenBudgets([budget('cycle-time-p99>8h')], SUMMARY)).toEqual([{ budget: 'cycle-time-p99>8h', value: 36_000, unit: 'duration' }]);
        expect(brokenBudgets([budget('outcome[Declined]>25%'), budget('without-person>50%')], SUMMARY).map((broken) => broken.budget)).toEqual(['outcome[Declined]>25%']);
        // A floor: fewer cases reaching a person than agreed breaks it.
        expect(brokenBudgets([budget('reached-person<70%')], SUMMARY)).toHaveLength(1);
    });

    test('naming a gate the workflow does not have is caught with a suggestion', () => {
        expect(unknownSubject(budget('sla-breach[UnderwriterReveiw]>5%'), SUMMARY)).toMatch(/no gate or queue 'UnderwriterReveiw'; did you mean UnderwriterReview/);
        expect(unknownSubject(budget('sla-breach[SeniorReview]>5%'), SUMMARY)).toBeUndefined();
    });
});
