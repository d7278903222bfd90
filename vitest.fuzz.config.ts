import { defineConfig } from 'vitest/config';

// `npm run fuzz`: the long property-based run over parse and validation, and a long random
// editing session against the built language server.
export default defineConfig({
    test: {
        include: ['test/**/*.fuzz.test.ts'],
        testTimeout: 30 * 60_000,
        env: {
            HITL_FUZZ_RUNS: process.env.HITL_FUZZ_RUNS ?? '200000',
            HITL_FUZZ_LSP_EDITS: process.env.HITL_FUZZ_LSP_EDITS ?? '5000',
        },
    },
});
