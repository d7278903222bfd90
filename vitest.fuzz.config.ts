import { defineConfig } from 'vitest/config';

// `npm run fuzz`: the long property-based run over parse and validation.
export default defineConfig({
    test: {
        include: ['test/**/*.fuzz.test.ts'],
        testTimeout: 30 * 60_000,
        env: { HITL_FUZZ_RUNS: process.env.HITL_FUZZ_RUNS ?? '200000' },
    },
});
