import { expect, test } from 'vitest';
import { runRandomSession } from '../lsp/random-session.js';

// The long editing session: `npm run fuzz` (HITL_FUZZ_LSP_EDITS edits, default 5,000 from
// vitest.fuzz.config.ts) against the built server. A fresh seed each time unless
// HITL_FUZZ_LSP_SEED is set; it is printed first so that any run can be replayed.
const EDITS = Number(process.env.HITL_FUZZ_LSP_EDITS ?? 5_000);
if (!Number.isInteger(EDITS) || EDITS < 1) throw new Error(`HITL_FUZZ_LSP_EDITS must be a whole number of 1 or more, not '${process.env.HITL_FUZZ_LSP_EDITS}'`);
const SEED = Number(process.env.HITL_FUZZ_LSP_SEED ?? Date.now() % 2 ** 31);

console.log(`hitl lsp fuzz: ${EDITS} edits, seed ${SEED} (replay with HITL_FUZZ_LSP_SEED=${SEED})`);

test(`a random editing session of ${EDITS} edits gets no error response, leaves no stale diagnostic and keeps memory bounded`, async () => {
    const report = await runRandomSession({ seed: SEED, edits: EDITS, checkEvery: 25 });
    const { problems, ...figures } = report;
    console.log(`hitl lsp fuzz: ${JSON.stringify({ ...figures, durationMs: Math.round(figures.durationMs), problems: problems.length })}`);
    expect(problems).toEqual([]);
    expect(report.peakRssMb).toBeLessThan(3 * report.startRssMb);
});
