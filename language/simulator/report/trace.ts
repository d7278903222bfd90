import type { TraceEntry } from '../results.js';
import { formatDuration } from '../units.js';

/**
 * One case's run step by step (`hitl simulate --trace K`): when (the simulated date and time,
 * and the time since arrival), where, who acted and why the case went where it went.
 */
export function renderTrace(workflow: string, caseNumber: number, seed: number, entries: readonly TraceEntry[]): string {
    const arrived = entries[0]?.time ?? 0;
    const rows = entries.map((entry) => [entry.at.replace('T', ' ').replace(/(\.\d+)?Z$/, ''), `+${formatDuration(entry.time - arrived)}`, entry.step, entry.actor, entry.event, `${entry.detail}${entry.to ? ` → ${entry.to}` : ''}`]);
    const widths = [0, 1, 2, 3, 4].map((column) => Math.max(...rows.map((row) => row[column].length)));
    const lines = rows.map((row) => `  ${row.slice(0, 5).map((cell, column) => cell.padEnd(widths[column])).join('  ')}  ${row[5]}`.trimEnd());
    return [`Case ${caseNumber} of ${workflow} (replication 1, seed ${seed})`, ...lines, ''].join('\n');
}
