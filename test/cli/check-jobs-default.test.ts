import { describe, expect, test } from 'vitest';
import { jobsFor, MAX_JOBS, PARALLEL_CHARACTERS } from '../../cli/check-workers.js';

// How many workers `hitl check` uses without --jobs (measured in bench/README.md).
describe('the default number of check workers', () => {
    const large = PARALLEL_CHARACTERS * 8;

    test('one per core, at most four, for a large workspace on a machine with cores to spare', () => {
        expect(jobsFor(undefined, large, 3)).toBe(3);
        expect(jobsFor(undefined, large, 16)).toBe(MAX_JOBS);
    });

    test('one thread for a small workspace, and on two cores or fewer', () => {
        expect(jobsFor(undefined, PARALLEL_CHARACTERS - 1, 16)).toBe(1);
        expect(jobsFor(undefined, large, 2)).toBe(1);
    });

    test('--jobs as given', () => {
        expect(jobsFor(3, 0, 1)).toBe(3);
    });
});
