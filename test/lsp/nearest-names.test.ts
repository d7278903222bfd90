import { describe, expect, test } from 'vitest';
import { boundedDistance, MAX_COMPARED_NAMES, MAX_SUGGESTIONS, nearestNames } from '../../language/references/nearest-names.js';

describe('nearest declared names', () => {
    test('edits and swaps of neighbouring letters each count one', () => {
        expect(boundedDistance('underwritr', 'underwriter', 3)).toBe(1);
        expect(boundedDistance('chian', 'chain', 3)).toBe(1);
        expect(boundedDistance('kitten', 'sitting', 3)).toBe(3);
        // Beyond the bound, the answer is only "too far".
        expect(boundedDistance('kitten', 'sitting', 2)).toBe(3);
        expect(boundedDistance('a', 'abcdef', 2)).toBe(3);
    });

    test('nearest first, case-insensitively, at most a few, none when all are far', () => {
        expect(nearestNames('underwritr', ['Underwriter', 'SeniorUnderwriter', 'Underwriters', 'Auditor'])).toEqual(['Underwriter', 'Underwriters']);
        expect(nearestNames('Underwritr', ['UnderwriterB', 'Underwriters', 'Underwrite', 'UnderwriterA', 'Underwriter'])).toEqual(['Underwrite', 'Underwriter', 'UnderwriterA'].slice(0, MAX_SUGGESTIONS));
        expect(nearestNames('ComplianceOfficer', ['Underwriter', 'Auditor'])).toEqual([]);
    });

    test('a huge workspace is compared only up to the cap', () => {
        const names = Array.from({ length: MAX_COMPARED_NAMES + 10 }, (_, i) => `Role${String(i).padStart(6, '0')}`);
        names.push('Underwriter');
        // Length filtering alone would let every RoleNNNNNN through; the cap stops before the last name.
        expect(nearestNames('Underwritr', names)).toEqual([]);
        expect(nearestNames('Underwritr', ['Underwriter', ...names])).toEqual(['Underwriter']);
    });
});
