import { describe, expect, it } from 'vitest';
import { compileTexts } from '../compile/workspace.js';
import { simulateRun, WorkingHours, type AuditRecord, type Calendar, type Scenario } from '../../language/simulator/index.js';
import { DENY_ON_TIMEOUT, ONE_GATE } from './workflows.js';

const HOUR = 3600;
const DAY = 24 * HOUR;
const OFFICE: Calendar = { hours: [{ days: [0, 1, 2, 3, 4], from: 9 * HOUR, to: 17 * HOUR }] };

describe('working hours', () => {
    it('open and close on local time through a change to summer time, and skip holidays', () => {
        // London, from Friday 27 March 2026 00:00 (GMT); summer time starts on Sunday 29 March.
        const start = Date.UTC(2026, 2, 27);
        const hours = new WorkingHours({ ...OFFICE, holidays: ['2026-03-31'] }, start, 'Europe/London');
        expect(hours.isOpen(8 * HOUR)).toBe(false);
        expect(hours.isOpen(9 * HOUR)).toBe(true);
        expect(hours.isOpen(17 * HOUR)).toBe(false);
        // Monday 09:00 BST is 08:00 UTC.
        expect(hours.nextOpening(17 * HOUR)).toBe(3 * DAY + 8 * HOUR);
        expect(hours.isOpen(3 * DAY + 15.99 * HOUR)).toBe(true);
        expect(hours.isOpen(3 * DAY + 16 * HOUR)).toBe(false);
        // Tuesday is a holiday: Wednesday 09:00 BST.
        expect(hours.nextOpening(3 * DAY + 16 * HOUR)).toBe(5 * DAY + 8 * HOUR);
        // Friday, Monday, Wednesday, Thursday, Friday: five days of 8 hours by the second Friday night.
        expect(new WorkingHours({ ...OFFICE, holidays: ['2026-03-31'] }, start, 'Europe/London').openSeconds(8 * DAY)).toBe(5 * 8 * HOUR);
    });

    it('refuse, at run time, a calendar that never opens', () => {
        const never = new WorkingHours({ hours: [{ days: [0], from: 9 * HOUR, to: 17 * HOUR }], holidays: [] }, Date.UTC(2026, 0, 5), 'UTC');
        expect(never.nextOpening(0)).toBe(9 * HOUR);
        const none = new WorkingHours({ hours: [] }, Date.UTC(2026, 0, 5), 'UTC');
        expect(() => none.isOpen(0)).toThrow(/no working hours/);
    });
});

describe('a role with a calendar', () => {
    /** When each case's reviewer acted, from the audit records: one reviewer, 30 minutes a case, cases at the given times. */
    async function actedAt(arrivalTimes: number[], calendar: Calendar, extra: Partial<Scenario> = {}) {
        const model = await compileTexts({ 'one-gate.hitl': ONE_GATE });
        const records: AuditRecord[] = [];
        const run = simulateRun(model, {
            workflow: 'OneGate',
            seed: 1,
            scenario: { arrivals: { kind: 'trace', file: 'arrivals.csv' }, arrivalTimes, roles: { Reviewer: { staff: 1, calendar } }, steps: { Review: { duration: { kind: 'fixed', value: 0.5 * HOUR } } }, ...extra },
            onAuditRecord: (record) => records.push(record),
        });
        return { run, times: records.filter((record) => record.event === 'human-action').map((record) => record.time) };
    }

    // The run starts on Monday 5 January 2026 00:00 UTC (the default).
    const arrivals = [8 * HOUR, 16 * HOUR + 50 * 60, 17 * HOUR + 10 * 60, 5 * DAY + 10 * HOUR];

    it('starts work only inside working hours, and finishes an item in hand at closing time', async () => {
        const { run, times } = await actedAt(arrivals, OFFICE);
        expect(times).toEqual([
            '2026-01-05T09:30:00.000Z', // arrived 08:00, started at opening
            '2026-01-05T17:20:00.000Z', // started 16:50, finished after closing
            '2026-01-06T09:30:00.000Z', // arrived 17:10, started next morning
            '2026-01-12T09:30:00.000Z', // arrived on Saturday, started on Monday
        ]);
        // Open: Monday to Friday 8 hours, then half an hour on the next Monday; the run lasts 7 days 9.5 hours.
        const role = run.roles[0];
        expect(role.staffedHoursPerDay).toBeCloseTo(40.5 / (177.5 / 24), 3);
        expect(role.workHoursPerDay).toBeCloseTo(2 / (177.5 / 24), 3);
        expect(role.utilisation).toBeCloseTo(2 / 40.5, 6);
    });

    it('skips holidays and reads the hours in the calendar\'s own time zone', async () => {
        expect((await actedAt(arrivals.slice(2, 3), { ...OFFICE, holidays: ['2026-01-06'] })).times).toEqual(['2026-01-07T09:30:00.000Z']);
        // New York is five hours behind UTC in January: 09:00 there is 14:00 UTC.
        expect((await actedAt(arrivals.slice(0, 1), { ...OFFICE, timeZone: 'America/New_York' })).times).toEqual(['2026-01-05T14:30:00.000Z']);
        // The scenario's own zone and start move the calendar with them.
        expect((await actedAt([0], OFFICE, { start: '2026-01-05T08:00', timeZone: 'Europe/Berlin' })).times).toEqual(['2026-01-05T08:30:00.000Z']);
    });

    it('lets SLA timers run on wall-clock time, working hours or not', async () => {
        const model = await compileTexts({ 'deny.hitl': DENY_ON_TIMEOUT });
        const run = simulateRun(model, {
            workflow: 'DenyOnTimeout',
            seed: 1,
            scenario: { arrivals: { kind: 'trace', file: 'a.csv' }, arrivalTimes: [17 * HOUR + 10 * 60], roles: { Reviewer: { staff: 1, calendar: OFFICE } } },
        });
        expect(run.outcomes).toEqual([{ outcome: 'Rejected', count: 1, share: 1 }]);
        expect(run.cycleTime.mean).toBe(HOUR);
    });
});
