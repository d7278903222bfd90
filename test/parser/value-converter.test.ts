import { ValueConverter } from 'langium';
import { describe, expect, it } from 'vitest';
import { convertString } from '../../language/parser/value-converter.js';

describe('string values', () => {
    // Langium's own conversion is the reference: the faster one must give the same value for every token.
    const tokens = ['""', '"plain text"', '"say \\"hi\\""', '"tab\\there"', '"line\\nbreak\\r"', '"\\\\"', '"ends with escape\\\\"', '"\\b\\f\\v\\0\\x\\u"', '"é ünïcode ✓"', '"\\""'];
    it.each(tokens)('reads %s as Langium does', (token) => {
        expect(convertString(token)).toBe(ValueConverter.convertString(token));
    });
});
