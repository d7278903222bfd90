import { createLangiumParser, EmptyFileSystem, type LangiumCoreServices } from 'langium';
import { describe, expect, it } from 'vitest';
import { createHitlCoreServices } from '../../language/hitl-module.js';

// The grammar is generated in production mode (langium-config.json), so the parser that hitl
// builds at start-up skips Chevrotain's checks of the grammar (about a tenth of a second per
// process). They run here instead: a grammar they would reject fails this test.
describe("Chevrotain's grammar checks", () => {
    const { Hitl } = createHitlCoreServices({ ...EmptyFileSystem, now: () => new Date(0) });

    it('are skipped by the parser hitl builds', () => {
        expect(Hitl.LanguageMetaData.mode).toBe('production');
    });

    it('pass when the parser is built with them', () => {
        const checked = Object.create(Hitl, { LanguageMetaData: { value: { ...Hitl.LanguageMetaData, mode: 'development' } } }) as LangiumCoreServices;
        const parser = createLangiumParser(checked);
        expect(parser.parse('role Reviewer { authority 1 }').parserErrors).toEqual([]);
    });
});
