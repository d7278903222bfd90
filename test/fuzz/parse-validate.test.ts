import { describe, expect, test } from 'vitest';
import { ParseValidateHarness, runParseValidate, seedFromEnvironment, type InputKind } from './parse-validate.property.js';

// The quick, deterministic run of the parse/validate properties (the long one is `npm run fuzz`).
// A fixed seed keeps `npm test` reproducible; HITL_FUZZ_SEED=<n> replays another.
const SEED = seedFromEnvironment(20_261_124);

const RUNS: Record<InputKind, number> = {
    randomText: 1500,
    tokenSoup: 1500,
    blockSoup: 600,
    mutatedSample: 250,
    respacedSample: 60,
};

describe('parse and full validation of arbitrary text', () => {
    const harness = new ParseValidateHarness();

    for (const [kind, numRuns] of Object.entries(RUNS) as Array<[InputKind, number]>) {
        test(`${numRuns} ${kind} inputs: no exception, well-formed diagnostics, formatter safe`, { timeout: 120_000 }, async () => {
            await runParseValidate(harness, kind, { numRuns, seed: SEED, caseTimeoutMs: 20_000 });
        });
    }

    test('the inputs reach past the parser: rules report and the formatter reformats', () => {
        expect(harness.stats.cases).toBe(Object.values(RUNS).reduce((a, b) => a + b, 0));
        expect(harness.stats.withoutSyntaxErrors).toBeGreaterThan(RUNS.respacedSample);
        expect(harness.stats.withFindings).toBeGreaterThan(0);
        // Every re-spaced sample still parses and needs the formatter.
        expect(harness.stats.reformatted).toBeGreaterThanOrEqual(RUNS.respacedSample);
    });
});
