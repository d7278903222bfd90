import type { Calendar } from './scenario.js';

/**
 * Wall-clock time for a run: the run starts at a fixed instant (the scenario's `start` in its
 * time zone, never the machine's clock) and local dates, weekdays and hours follow the IANA
 * zone through `Intl.DateTimeFormat`, daylight saving time included.
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
    let found = formatters.get(zone);
    if (!found) {
        found = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
        formatters.set(zone, found);
    }
    return found;
}

/** Whether the runtime knows an IANA time zone of that name. */
export function isTimeZone(zone: string): boolean {
    try {
        formatter(zone);
        return true;
    } catch {
        return false;
    }
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
export function zoneOffset(epochMs: number, zone: string): number {
    const parts: Record<string, number> = {};
    for (const part of formatter(zone).formatToParts(epochMs)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return wall - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/** The instant a wall-clock time (given as if it were UTC, in ms) names in a zone; a time in a spring-forward gap moves on by the gap. */
export function wallToEpoch(wallMs: number, zone: string): number {
    const first = wallMs - zoneOffset(wallMs, zone);
    return wallMs - zoneOffset(first, zone);
}

const START_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** `YYYY-MM-DDTHH:MM` as wall-clock milliseconds (as if UTC), or undefined when no such time exists. */
export function parseWallTime(text: string): number | undefined {
    const match = START_PATTERN.exec(text);
    if (!match) return undefined;
    const [year, month, day, hour, minute] = match.slice(1).map(Number);
    const ms = Date.UTC(year, month - 1, day, hour, minute);
    const date = new Date(ms);
    const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60;
    return exists ? ms : undefined;
}

/** An RFC 3339 time (UTC) for an instant. */
export function isoTime(epochMs: number): string {
    return new Date(epochMs).toISOString();
}

/** The local days of a zone from the day the run starts: each day's date, weekday and where its midnight falls in the run. */
export class LocalDays {
    private readonly firstDayWall: number;

    constructor(
        /** The instant the run starts. */
        readonly startEpoch: number,
        readonly zone: string,
    ) {
        const wall = startEpoch + zoneOffset(startEpoch, zone);
        this.firstDayWall = Math.floor(wall / DAY_MS) * DAY_MS;
    }

    /** The local day (0 = the day the run starts on) a time of the run falls on. */
    dayOf(seconds: number): number {
        const epoch = this.startEpoch + seconds * 1000;
        return Math.floor((epoch + zoneOffset(epoch, this.zone) - this.firstDayWall) / DAY_MS);
    }

    /** 0 = Monday … 6 = Sunday. */
    weekday(day: number): number {
        return (new Date(this.firstDayWall + day * DAY_MS).getUTCDay() + 6) % 7;
    }

    date(day: number): string {
        return new Date(this.firstDayWall + day * DAY_MS).toISOString().slice(0, 10);
    }

    /** The time of the run (seconds) of a local time of day on a local day. */
    at(day: number, secondsOfDay: number): number {
        return (wallToEpoch(this.firstDayWall + day * DAY_MS + secondsOfDay * 1000, this.zone) - this.startEpoch) / 1000;
    }
}

/** A calendar with no day of any hours would leave work waiting for ever: refused by the scenario parser, guarded here. */
const SEARCH_DAYS = 3 * 366;

/**
 * A role's open hours as intervals of run time, built a local day at a time as the run moves
 * on. Queries must come in non-decreasing time (the run's clock only moves forward).
 */
export class WorkingHours {
    private readonly days: LocalDays;
    private readonly holidays: ReadonlySet<string>;
    /** Open intervals [from, to) in run seconds, in order; those before the cursor have closed. */
    private readonly intervals: number[] = [];
    private cursor = 0;
    private nextDay: number;

    constructor(
        private readonly calendar: Calendar,
        startEpoch: number,
        zone: string,
    ) {
        this.days = new LocalDays(startEpoch, calendar.timeZone ?? zone);
        this.holidays = new Set(calendar.holidays ?? []);
        // The day before the start too: a shift that began before the run may still be open.
        this.nextDay = -1;
    }

    /** Whether people start work at this time. */
    isOpen(time: number): boolean {
        this.advance(time);
        return this.intervals[this.cursor] <= time;
    }

    /** The next time (now or later) the hours open. */
    nextOpening(time: number): number {
        this.advance(time);
        return Math.max(time, this.intervals[this.cursor]);
    }

    /** Open seconds between 0 and `until`. */
    openSeconds(until: number): number {
        const probe = new WorkingHours(this.calendar, this.days.startEpoch, this.days.zone);
        probe.advance(until);
        let total = 0;
        for (let i = 0; i < probe.intervals.length; i += 2) total += Math.max(0, Math.min(until, probe.intervals[i + 1]) - Math.max(0, probe.intervals[i]));
        return total;
    }

    /** Moves the cursor to the first interval that has not closed by `time`, building days as needed. */
    private advance(time: number): void {
        for (;;) {
            while (this.cursor < this.intervals.length && this.intervals[this.cursor + 1] <= time) this.cursor += 2;
            if (this.cursor < this.intervals.length) return;
            this.buildDays(time);
        }
    }

    private buildDays(time: number): void {
        const before = this.intervals.length;
        for (let searched = 0; this.intervals.length === before || this.days.at(this.nextDay, 0) <= time; searched++) {
            if (searched > SEARCH_DAYS && this.intervals.length === before) throw new Error('A calendar has no working hours in three years.');
            this.addDay(this.nextDay++);
        }
    }

    private addDay(day: number): void {
        if (this.holidays.has(this.days.date(day))) return;
        const weekday = this.days.weekday(day);
        const ranges = this.calendar.hours.filter((range) => range.days.includes(weekday)).sort((a, b) => a.from - b.from);
        for (const range of ranges) {
            const from = this.days.at(day, range.from);
            const to = this.days.at(day, range.to);
            if (to <= from) continue;
            const last = this.intervals.length - 1;
            // Touching or overlapping ranges (09:00-12:00, 12:00-17:00) are one open interval.
            if (last > 0 && from <= this.intervals[last]) this.intervals[last] = Math.max(this.intervals[last], to);
            else this.intervals.push(from, to);
        }
    }
}
