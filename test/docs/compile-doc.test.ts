import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import { REQUIREMENTS } from '../../language/governance/requirements.js';
import { strictAjv } from '../compile/ajv.js';
import { REPO } from '../compile/workspace.js';

/** docs/compile.md: its examples are what compile writes and what its schemas accept. */

const DOC = readFileSync(path.join(REPO, 'docs', 'compile.md'), 'utf8');
const GOLDEN = path.join(REPO, 'test/golden/compile');

function blocks(language: string): string[] {
    return [...DOC.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1]);
}

/** Whether every key and list item of `part` is in `whole` (lists: each item of `part` is in `whole`'s list). */
function within(part: unknown, whole: unknown): boolean {
    if (Array.isArray(part)) return Array.isArray(whole) && part.every((item) => whole.some((candidate) => within(item, candidate)));
    if (part && typeof part === 'object') {
        return !!whole && typeof whole === 'object' && Object.entries(part).every(([key, value]) => within(value, (whole as Record<string, unknown>)[key]));
    }
    return part === whole;
}

describe('docs/compile.md', () => {
    test('its example records are valid CustomerRefunds audit records', () => {
        const schema = JSON.parse(readFileSync(path.join(GOLDEN, 'customer-refunds/CustomerRefunds.audit.schema.json'), 'utf8'));
        const validate = strictAjv().compile(schema);
        const examples = blocks('json').map((text) => JSON.parse(text));
        expect(examples.length).toBe(2);
        for (const example of examples) expect(validate(example), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    });

    test('its runtime configuration excerpt is taken from the compiled CustomerRefunds', () => {
        const [excerpt] = blocks('yaml');
        const full = parseYaml(readFileSync(path.join(GOLDEN, 'customer-refunds/CustomerRefunds.runtime.yaml'), 'utf8'));
        expect(within(parseYaml(excerpt), full)).toBe(true);
    });

    test('every requirement it cites exists', () => {
        const ids = new Set(REQUIREMENTS.map((requirement) => requirement.id));
        const cited = [...DOC.matchAll(/\bG\d\d\b/g)].map((match) => match[0]);
        expect(cited.length).toBeGreaterThan(30);
        for (const id of cited) expect(ids, id).toContain(id);
    });

    test('it names the golden update command the golden test names', () => {
        const golden = readFileSync(path.join(REPO, 'test/compile/golden.test.ts'), 'utf8');
        const command = 'HITL_UPDATE_GOLDEN=1 npx vitest run test/compile/golden.test.ts';
        expect(DOC).toContain(command);
        expect(golden).toContain(command);
    });
});
