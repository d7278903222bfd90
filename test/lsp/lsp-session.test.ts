import { expect, test } from 'vitest';
import { runRandomSession } from './random-session.js';

// A random editing session against the built server: 150 edits interleaved with
// every request it advertises (about 15 s alone; the timeout leaves room for a loaded machine).
// `npm run fuzz` runs a much longer one (test/fuzz/lsp-session.fuzz.test.ts).

test('a random editing session gets no error response, leaves no stale diagnostic and keeps memory bounded', async () => {
    const report = await runRandomSession({ seed: Number(process.env.HITL_LSP_SEED ?? 7), edits: 150, checkEvery: 8 });
    expect(report.problems).toEqual([]);
    expect(report.staleChecks).toBeGreaterThan(0);
    expect(report.peakRssMb).toBeLessThan(3 * report.startRssMb);
}, 240_000);
