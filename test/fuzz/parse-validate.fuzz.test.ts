import { describe, test } from 'vitest';
import { ParseValidateHarness, runParseValidate, seedFromEnvironment, type InputKind } from './parse-validate.property.js';

// The long run: `npm run fuzz` (HITL_FUZZ_RUNS cases in all, default 200,000 from
// vitest.fuzz.config.ts). A fresh seed each time unless HITL_FUZZ_SEED is set; it is printed first
// so that any run can be replayed.
const TOTAL = Number(process.env.HITL_FUZZ_RUNS ?? 200_000);
if (!Number.isInteger(TOTAL) || TOTAL < 1) throw new Error(`HITL_FUZZ_RUNS must be a whole number of 1 or more, not '${process.env.HITL_FUZZ_RUNS}'`);
const SEED = seedFromEnvironment(Date.now() % 2 ** 31);

// Shares of the total: the cheap generators get most cases, whole mutated samples fewer.
const SHARES: Record<InputKind, number> = {
    randomText: 0.32,
    tokenSoup: 0.32,
    blockSoup: 0.24,
    mutatedSample: 0.1,
    respacedSample: 0.02,
};

console.log(`hitl fuzz: ${TOTAL} cases, seed ${SEED} (replay with HITL_FUZZ_SEED=${SEED})`);

describe('parse and full validation of arbitrary text (long run)', () => {
    const harness = new ParseValidateHarness();
    for (const [kind, share] of Object.entries(SHARES) as Array<[InputKind, number]>) {
        const numRuns = Math.max(1, Math.round(TOTAL * share));
        test(`${numRuns} ${kind} inputs`, async () => {
            await runParseValidate(harness, kind, { numRuns, seed: SEED, caseTimeoutMs: 60_000 });
            console.log(`hitl fuzz: ${kind} done; totals so far ${JSON.stringify(harness.stats)}`);
        });
    }
});
