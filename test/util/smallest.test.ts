import { describe, expect, test } from 'vitest';
import { smallest } from '../../language/util/smallest.js';

describe('smallest', () => {
    // Items with many equal keys, in an order no sort would produce: ties must keep it.
    const items = Array.from({ length: 1000 }, (_, i) => ({ key: (i * 7919) % 37, at: i }));
    const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;

    test.each([1, 5, 36, 100, 999, 1000, 2000])('the %i first are those of a stable sort, cut', (count) => {
        expect(smallest(items, count, byKey)).toEqual([...items].sort(byKey).slice(0, count));
    });

    test('nothing is asked for, or nothing is given', () => {
        expect(smallest(items, 0, byKey)).toEqual([]);
        expect(smallest([], 10, byKey)).toEqual([]);
    });
});
