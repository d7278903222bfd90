import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { formatText } from '../../language/lsp/formatter.js';
import { buildDocument } from '../services.js';

const format = async (text: string) => formatText(await buildDocument(text));

describe('formatter', () => {
    test('lays out a messy workflow one property per line, indented by block', async () => {
        const messy = [
            'role   Analyst{competence "x" ,"y"   authority 2}',
            'workflow W "Title" { version "1.0"   stage assist',
            '  ai step Score { confidence threshold 80 %  then Done }',
            '',
            '',
            '',
            '  outcome Done{ result "ok" } }',
        ].join('\n');
        expect(await format(messy)).toBe(
            [
                'role Analyst {',
                '    competence "x", "y"',
                '    authority 2',
                '}',
                'workflow W "Title" {',
                '    version "1.0"',
                '    stage assist',
                '    ai step Score {',
                '        confidence threshold 80%',
                '        then Done',
                '    }',
                '',
                '    outcome Done {',
                '        result "ok"',
                '    }',
                '}',
                '',
            ].join('\n'),
        );
    });

    test('writes compound conditions with single spaces and parentheses hugging what they group', async () => {
        const messy = [
            'workflow W {',
            '  category big "Big"  when amount>10',
            '  ai step A {',
            '    when ( big  and not (x == 1 or x==2) )or   y=="z" probability 20% -> B',
            '    otherwise -> B',
            '  }',
            '  decision B { four-eyes category big',
            '  no appeal because "x" approved by R on 2026-01-01 }',
            '}',
        ].join('\n');
        const formatted = await format(messy);
        expect(formatted).toBe(
            [
                'workflow W {',
                '    category big "Big" when amount > 10',
                '    ai step A {',
                '        when (big and not (x == 1 or x == 2)) or y == "z" probability 20% -> B',
                '        otherwise -> B',
                '    }',
                '    decision B {',
                '        four-eyes category big',
                '        no appeal because "x" approved by R on 2026-01-01',
                '    }',
                '}',
                '',
            ].join('\n'),
        );
        expect(await format(formatted!)).toBe(formatted);
    });

    test('keeps comments and the author\'s line breaks inside long lists', async () => {
        const text = [
            '// header',
            'role A {',
            '  /** doc */',
            '  competence "one",',
            '      "two" // trailing',
            '}',
        ].join('\n');
        expect(await format(text)).toBe(['// header', 'role A {', '    /** doc */', '    competence "one",', '        "two" // trailing', '}', ''].join('\n'));
    });

    test('keeps multi-word properties on one line', async () => {
        const text = 'workflow W { decision D { residual risk medium accepted by X on 2026-01-01 then E } outcome E }\nrole X { }';
        const formatted = await format(text);
        expect(formatted).toContain('        residual risk medium accepted by X on 2026-01-01\n');
        expect(formatted).toContain('role X { }');
    });

    test('leaves files with syntax errors alone', async () => {
        expect(await format('workflow W { version }')).toBeUndefined();
    });

    const samples = readdirSync('samples').filter((file) => file.endsWith('.hitl'));
    test.each(samples)('sample %s is already formatted, and formatting it again changes nothing', async (file) => {
        const text = readFileSync(`samples/${file}`, 'utf8');
        const once = await format(text);
        expect(once).toBe(text);
        expect(await format(once!)).toBe(once);
    });
});
