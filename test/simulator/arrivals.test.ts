import { describe, expect, it } from 'vitest';
import { arrivalProcess, LocalDays, parseArrivalTrace, Random, simulateRun, startEpochOf } from '../../language/simulator/index.js';
import { compileTexts } from '../compile/workspace.js';
import { ONE_GATE } from './workflows.js';

const HOUR = 3600;

describe('weekly arrivals', () => {
    // Monday 09:00-17:00 at 10 per hour, Tuesday 09:00-17:00 at 30 per hour, nothing else.
    const rates = Array.from({ length: 168 }, (_, hour) => (hour % 24 >= 9 && hour % 24 < 17 ? [10, 30, 0, 0, 0, 0, 0][Math.floor(hour / 24)] : 0));

    function arrivals(timeZone: string, start: string, n: number): number[] {
        const scenario = { arrivals: { kind: 'weekly', ratePerHour: rates } as const, cases: n, timeZone, start };
        const process = arrivalProcess(scenario, Random.fromSeed(5));
        const times: number[] = [];
        let time = 0;
        for (let i = 0; i < n; i++) times.push((time = process.next(time, i)));
        return times;
    }

    it('arrive only in the hours with a rate, in proportion to it, at the rate per week', () => {
        const n = 8000;
        const times = arrivals('UTC', '2026-01-05T00:00', n);
        const days = new LocalDays(startEpochOf({}), 'UTC');
        const byWeekday = [0, 0, 0, 0, 0, 0, 0];
        for (const time of times) {
            const day = days.dayOf(time);
            const hour = Math.floor((time - days.at(day, 0)) / HOUR);
            expect(hour >= 9 && hour < 17, `${time}`).toBe(true);
            byWeekday[days.weekday(day)]++;
        }
        expect(byWeekday.slice(2)).toEqual([0, 0, 0, 0, 0]);
        // Tuesday takes 3/4 of the arrivals: within four standard errors.
        expect(Math.abs(byWeekday[1] / n - 0.75)).toBeLessThan(4 * Math.sqrt((0.75 * 0.25) / n));
        // 320 a week: 8000 arrivals take 25 weeks (the last one ends on a Tuesday).
        expect(times[n - 1] / (7 * 24 * HOUR)).toBeGreaterThan(24);
        expect(times[n - 1] / (7 * 24 * HOUR)).toBeLessThan(26);
    });

    it('follow local hours in the scenario\'s time zone, summer time included', () => {
        // London from Monday 23 March 2026: the clocks go forward on the 29th.
        const times = arrivals('Europe/London', '2026-03-23T00:00', 3000);
        const start = startEpochOf({ start: '2026-03-23T00:00', timeZone: 'Europe/London' });
        for (const time of times) {
            const local = new Date(start + time * 1000).toLocaleString('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23', weekday: 'short' });
            const [weekday, hour] = local.split(/,? /);
            expect(['Mon', 'Tue'].includes(weekday) && Number(hour) >= 9 && Number(hour) < 17, local).toBe(true);
        }
    });
});

describe('arrival traces', () => {
    it('read seconds from the start, with or without a header', () => {
        expect(parseArrivalTrace('0\n30\n12.5\n')).toEqual({ ok: true, times: [0, 12.5, 30] });
        expect(parseArrivalTrace('arrived\n60\n120\n')).toEqual({ ok: true, times: [60, 120] });
        expect(parseArrivalTrace('id,arrived\n"a, 1",60\nb,120\n', 'arrived')).toEqual({ ok: true, times: [60, 120] });
    });

    it('read ISO 8601 times from the scenario\'s start: with Z, an offset, or in the scenario\'s zone', () => {
        const csv = 'when\n2026-01-05T00:01:00Z\n2026-01-05T01:00+01:00\n2026-01-05 02:00:30\n';
        expect(parseArrivalTrace(csv)).toEqual({ ok: true, times: [0, 60, 2 * HOUR + 30] });
        // In Berlin (UTC+1 in January), a time without an offset is an hour earlier in UTC.
        expect(parseArrivalTrace('2026-01-05T10:00\n', undefined, { start: '2026-01-05T09:00', timeZone: 'Europe/Berlin' })).toEqual({ ok: true, times: [HOUR] });
    });

    it('name the line of each bad time, a time before the start and a missing column', () => {
        expect(parseArrivalTrace('t\n10\nsoon\n\n2025-12-31T23:00Z\n5,\n')).toEqual({
            ok: false,
            problems: [
                { line: 3, message: "'soon' is neither seconds nor an ISO 8601 time" },
                { line: 5, message: "'2025-12-31T23:00Z' is before the scenario's start" },
            ],
        });
        expect(parseArrivalTrace('id,at\n1,2\n', 'arrived')).toEqual({ ok: false, problems: [{ line: 1, message: "no column 'arrived' in the header ('id', 'at')" }] });
        expect(parseArrivalTrace('id,at\n1,\n', 'at')).toEqual({ ok: false, problems: [{ line: 2, message: 'no arrival time in this line' }] });
        expect(parseArrivalTrace('\n\n')).toEqual({ ok: false, problems: [{ line: 1, message: 'the trace is empty' }] });
        expect(parseArrivalTrace('at\n', 'at')).toEqual({ ok: false, problems: [{ line: 2, message: 'the trace has no arrival times' }] });
    });

    it('drive the run: one case per time, at that time', async () => {
        const model = await compileTexts({ 'one-gate.hitl': ONE_GATE });
        const parsed = parseArrivalTrace('0\n3600\n7200\n');
        if (!parsed.ok) throw new Error('the trace should parse');
        const run = simulateRun(model, {
            workflow: 'OneGate',
            seed: 1,
            scenario: { arrivals: { kind: 'trace', file: 'a.csv' }, arrivalTimes: parsed.times, steps: { Review: { duration: { kind: 'fixed', value: 600 } } } },
            traceCase: 2,
        });
        expect(run.cases.arrived).toBe(3);
        expect(run.trace![0]).toMatchObject({ time: 7200, event: 'arrived' });
        expect(run.simulatedSeconds).toBe(7800);
        // Times given some other way than parseArrivalTrace are checked, not run backwards.
        expect(() => simulateRun(model, { workflow: 'OneGate', seed: 1, scenario: { arrivals: { kind: 'trace', file: 'a.csv' }, arrivalTimes: [60, 30] } })).toThrow(/in order/);
    });
});
