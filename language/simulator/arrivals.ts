import { LocalDays, parseWallTime, wallToEpoch } from './calendar.js';
import type { Random } from './random.js';
import { DEFAULTS, type Scenario } from './scenario.js';

/** When cases arrive: the next arrival after another, as the scenario's `arrivals` says. */
export interface ArrivalProcess {
    /** How many cases arrive at most (a trace holds its own count). */
    readonly cases: number;
    /** The time of arrival number `index` (from 0), after the previous one at `previous`. */
    next(previous: number, index: number): number;
}

/** The instant (epoch ms) a scenario's run starts at. */
export function startEpochOf(scenario: Scenario): number {
    const wall = parseWallTime(scenario.start ?? DEFAULTS.start);
    if (wall === undefined) throw new Error(`The scenario's start '${scenario.start}' is not a time YYYY-MM-DDTHH:MM.`);
    return wallToEpoch(wall, scenario.timeZone ?? DEFAULTS.timeZone);
}

export function arrivalProcess(scenario: Scenario, random: Random): ArrivalProcess {
    const arrivals = scenario.arrivals ?? { kind: 'poisson', ratePerHour: DEFAULTS.ratePerHour };
    const cases = scenario.cases ?? DEFAULTS.cases;
    switch (arrivals.kind) {
        case 'poisson': {
            const mean = 3600 / arrivals.ratePerHour;
            return { cases, next: (previous) => previous - mean * Math.log(random.nextPositive()) };
        }
        case 'weekly':
            return weekly(arrivals.ratePerHour, cases, new LocalDays(startEpochOf(scenario), scenario.timeZone ?? DEFAULTS.timeZone), random);
        case 'trace': {
            const times = scenario.arrivalTimes;
            if (!times) throw new Error(`The arrival trace '${arrivals.file}' has not been read: pass its times as the scenario's arrivalTimes (see parseArrivalTrace).`);
            if (!times.every((time, index) => Number.isFinite(time) && time >= (index > 0 ? times[index - 1] : 0))) throw new Error('Arrival times must be seconds from the start, at least 0 and in order (parseArrivalTrace sorts them).');
            return { cases: Math.min(times.length, scenario.cases ?? Infinity), next: (_previous, index) => times[index] };
        }
    }
}

/**
 * A non-homogeneous Poisson process by thinning (Lewis and Shedler, 1979): candidates at the
 * week's highest rate, each kept with the rate of its local hour of the week over that rate.
 */
function weekly(rates: readonly number[], cases: number, days: LocalDays, random: Random): ArrivalProcess {
    if (rates.length !== 168) throw new Error(`A weekly arrival profile has a rate for each of the 168 hours of the week, not ${rates.length}.`);
    const peak = Math.max(...rates);
    if (!(peak > 0)) throw new Error('A weekly arrival profile needs an hour with a rate above 0.');
    const mean = 3600 / peak;
    // The local day of the last candidate and where its midnight falls: arrivals move forward, so the day is found by stepping.
    let day = days.dayOf(0);
    let midnight = days.at(day, 0);
    let nextMidnight = days.at(day + 1, 0);
    let weekHour = days.weekday(day) * 24;
    return {
        cases,
        next(previous) {
            let time = previous;
            for (;;) {
                time -= mean * Math.log(random.nextPositive());
                while (time >= nextMidnight) {
                    day++;
                    midnight = nextMidnight;
                    nextMidnight = days.at(day + 1, 0);
                    weekHour = days.weekday(day) * 24;
                }
                const hour = Math.min(23, Math.floor((time - midnight) / 3600));
                if (random.next() * peak < rates[weekHour + hour]) return time;
            }
        },
    };
}

export type TraceParse = { readonly ok: true; readonly times: number[] } | { readonly ok: false; readonly problems: ReadonlyArray<{ readonly line: number; readonly message: string }> };

const NUMBER = /^[+]?(\d+(\.\d*)?|\.\d+)$/;
const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A CSV trace of arrivals as seconds from the run's start, ascending (the CLI reads the file;
 * this only parses). A cell is seconds from the start, or an ISO 8601 time (with `Z` or an
 * offset, else read in the scenario's time zone) measured from the scenario's start. `column`
 * names a header cell; without it the first column is read, and a first line that is not a
 * time is taken as the header. Problems name their line (1-based).
 */
export function parseArrivalTrace(csvText: string, column?: string, scenario: Pick<Scenario, 'start' | 'timeZone'> = {}): TraceParse {
    const lines = csvText.split(/\r?\n/);
    const problems: Array<{ line: number; message: string }> = [];
    const start = startEpochOf(scenario);
    const zone = scenario.timeZone ?? DEFAULTS.timeZone;
    const cellsOf = (line: string) => splitCsv(line).map((cell) => cell.trim());
    let first = lines.findIndex((line) => line.trim() !== '');
    if (first < 0) return { ok: false, problems: [{ line: 1, message: 'the trace is empty' }] };
    let index = 0;
    const header = cellsOf(lines[first]);
    if (column !== undefined) {
        index = header.indexOf(column);
        if (index < 0) return { ok: false, problems: [{ line: first + 1, message: `no column '${column}' in the header (${header.map((cell) => `'${cell}'`).join(', ')})` }] };
        first++;
    } else if (timeOf(header[0] ?? '', start, zone) === undefined) first++;
    const times: number[] = [];
    for (let i = first; i < lines.length; i++) {
        if (lines[i].trim() === '') continue;
        const cell = cellsOf(lines[i])[index] ?? '';
        const time = timeOf(cell, start, zone);
        if (time === undefined) problems.push({ line: i + 1, message: cell === '' ? 'no arrival time in this line' : `'${cell}' is neither seconds nor an ISO 8601 time` });
        else if (time < 0) problems.push({ line: i + 1, message: `'${cell}' is before the scenario's start` });
        else times.push(time);
    }
    if (problems.length > 0) return { ok: false, problems };
    if (times.length === 0) return { ok: false, problems: [{ line: first + 1, message: 'the trace has no arrival times' }] };
    // Exports are not always in order; the run needs them so.
    return { ok: true, times: times.sort((a, b) => a - b) };
}

function timeOf(cell: string, start: number, zone: string): number | undefined {
    if (NUMBER.test(cell)) return Number(cell);
    const match = ISO.exec(cell);
    if (!match) return undefined;
    const wall = parseWallTime(`${match[1]}T${match[2]}:${match[3]}`);
    if (wall === undefined) return undefined;
    const seconds = Number(match[4] ?? 0) + Number(match[5] ?? 0);
    if (seconds >= 60) return undefined;
    const offset = match[6];
    let epoch: number;
    if (offset === undefined) epoch = wallToEpoch(wall, zone);
    else if (offset.toUpperCase() === 'Z') epoch = wall;
    else {
        const digits = offset.replace(':', '');
        const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
        epoch = wall - (digits[0] === '-' ? -1 : 1) * minutes * 60_000;
    }
    return (epoch - start) / 1000 + seconds;
}

/** The cells of a CSV line; a quoted cell may hold commas and doubled quotes. */
function splitCsv(line: string): string[] {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
        const char = line[i];
        if (quoted) {
            if (char === '"' && line[i + 1] === '"') {
                cell += '"';
                i++;
            } else if (char === '"') quoted = false;
            else cell += char;
        } else if (char === '"') quoted = true;
        else if (char === ',') {
            cells.push(cell);
            cell = '';
        } else cell += char;
    }
    cells.push(cell);
    return cells;
}
