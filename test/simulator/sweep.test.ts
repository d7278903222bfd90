import { describe, expect, test } from 'vitest';
import type { Summary } from '../../language/simulator/replications.js';
import { adviseStaffing, ADVICE_SEARCH_LIMIT, sweepStaffing } from '../../language/simulator/sweep.js';
import { figure, station, summary as summaryOf } from './summaries.js';

/**
 * A stand-in for the simulation: the review gate breaches its SLA less with each underwriter, and
 * reaches 5% or less at `enough` of them; the other gate is always fine. Counts the runs asked for.
 */
function fakeSimulation(enough: number) {
    const runs: Array<[string, number]> = [];
    const summary = (underwriters: number): Summary =>
        summaryOf({
            stations: [
                station({ step: 'Review', party: 'Underwriter', staff: underwriters, breachRate: figure(underwriters >= enough ? 0.04 : 0.06 + 0.5 / underwriters) }),
                station({ step: 'Senior', party: 'Senior', staff: 1 }),
            ],
        });
    const run = async (party: string, staff: number) => {
        runs.push([party, staff]);
        return summary(staff);
    };
    return { runs, run, summary };
}

describe('staffing advice', () => {
    test('finds the smallest staffing that brings a breaching gate to the target, in a handful of runs', async () => {
        const simulation = fakeSimulation(13);
        const advice = await adviseStaffing(simulation.summary(3), 0.05, simulation.run);
        expect(advice).toEqual([{ party: 'Underwriter', staff: 3, stations: ['Review'], needed: 13, searchedUpTo: 3 + ADVICE_SEARCH_LIMIT }]);
        // Galloping and halving, not one run per person: 4, 5, 7, 11, 19, then 15, 13, 12.
        expect(simulation.runs.length).toBeLessThanOrEqual(9);
        expect(simulation.runs.every(([party]) => party === 'Underwriter')).toBe(true);
    });

    test('says when no staffing within reach does, and leaves parties that hold their SLAs alone', async () => {
        const simulation = fakeSimulation(1000);
        const advice = await adviseStaffing(simulation.summary(2), 0.05, simulation.run);
        expect(advice).toEqual([{ party: 'Underwriter', staff: 2, stations: ['Review'], searchedUpTo: 2 + ADVICE_SEARCH_LIMIT }]);
        const fine = fakeSimulation(1);
        expect(await adviseStaffing(fine.summary(1), 0.05, fine.run)).toEqual([]);
        expect(fine.runs).toEqual([]);
    });
});

describe('a staffing sweep', () => {
    test('runs each staffing once and names the smallest that meets every SLA', async () => {
        const simulation = fakeSimulation(4);
        const sweep = await sweepStaffing('Underwriter', [1, 2, 3, 4, 5], 0.05, simulation.run);
        expect(simulation.runs).toEqual([1, 2, 3, 4, 5].map((staff) => ['Underwriter', staff]));
        expect(sweep.rows.map((row) => [row.staff, row.meetsSlas])).toEqual([
            [1, false],
            [2, false],
            [3, false],
            [4, true],
            [5, true],
        ]);
        expect(sweep.smallest).toBe(4);
        expect((await sweepStaffing('Underwriter', [1, 2], 0.05, fakeSimulation(4).run)).smallest).toBeUndefined();
    });
});
