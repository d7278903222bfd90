import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../language/settings/config-file.js';
import { ruleCatalogue } from '../../language/validation/registry.js';
import { configFixtures } from '../rules/fixtures.js';

const codes = new Set(ruleCatalogue.map((rule) => rule.code));

describe('config/invalid fixtures', () => {
    test.each(configFixtures('config/invalid').map((fixture) => [path.basename(fixture.file), fixture] as const))('%s', (_name, fixture) => {
        const lines = parseConfig(fixture.text, codes).problems.map((problem) => problem.line);
        expect([...new Set(lines)].sort((a, b) => a - b)).toEqual(fixture.expectations);
    });
});
