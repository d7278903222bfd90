import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { citationLines, citationsOf } from '../../language/governance/citations.js';
import { REQUIREMENTS } from '../../language/governance/requirements.js';
import { ruleCard, ruleDoc } from '../../language/documentation/rule-docs.js';
import { ruleCatalogue } from '../../language/validation/registry.js';
import { explainRule } from '../../language/documentation/explain.js';
import { hitl, REPO } from '../cli/cli.js';

const REQUIREMENTS_DOC = readFileSync(path.join(REPO, 'docs', 'requirements.md'), 'utf8');

/** The part of docs/requirements.md about one requirement: from its heading to the next. */
function sectionOf(id: string): string {
    const start = REQUIREMENTS_DOC.indexOf(`### ${id} — `);
    if (start < 0) return '';
    const next = REQUIREMENTS_DOC.indexOf('\n### ', start + 1);
    return REQUIREMENTS_DOC.slice(start, next < 0 ? undefined : next);
}

function markdownFiles(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(folder, entry.name);
        return entry.isDirectory() ? markdownFiles(full) : entry.name.endsWith('.md') ? [full] : [];
    });
}

/**
 * Internal wording users must never see: the source material the product was derived from, and
 * paths outside the repository. A simulation's seed (`--seed`), one random stream's start, is
 * the user's own word and allowed.
 */
const INTERNAL = /\bseeds\b|\bseed (article|material|text|document)s?\b|\.\.\/shared|shared\/governance/i;

describe('docs/requirements.md', () => {
    test.each(REQUIREMENTS.map((r) => [r.id]))('%s has a statement, why it matters, and every citation the product shows', (id) => {
        const section = sectionOf(id);
        expect(section).toMatch(new RegExp(`<a id="${id.toLowerCase()}"></a>|^### ${id} — \\S`));
        expect(section).toContain('*Why it matters:* ');
        const cites = citationsOf(id);
        expect(cites.length).toBeGreaterThan(0);
        for (const cite of cites) expect(section).toContain(`- ${cite}\n`);
        expect(REQUIREMENTS_DOC).toContain(`<a id="${id.toLowerCase()}"></a>`);
    });

    test('lists, for each requirement, exactly the rules that check it', () => {
        for (const { id } of REQUIREMENTS) {
            const listed = [...sectionOf(id).matchAll(/\[`([a-z]+\/[a-z0-9-]+)`\]\(rules\/\1\.md\)/g)].map((m) => m[1]).sort();
            const enforcing = ruleCatalogue.filter((rule) => rule.requirements.includes(id)).map((rule) => rule.code).sort();
            expect(listed, id).toEqual(enforcing);
        }
    });

    test("each rule page cites its rule's requirements, linked to docs/requirements.md", () => {
        for (const rule of ruleCatalogue) {
            const page = ruleDoc(rule.code) ?? '';
            for (const id of rule.requirements) {
                expect(page, rule.code).toContain(`[${id}](../../requirements.md#${id.toLowerCase()})`);
                for (const cite of citationsOf(id)) expect(page, `${rule.code} ${id}`).toContain(cite);
            }
        }
    });
});

describe('users see the product in its own words', () => {
    test('no page in docs/ or README mentions the source material or files outside the repository', () => {
        const files = [...markdownFiles(path.join(REPO, 'docs')), path.join(REPO, 'README.md'), path.join(REPO, 'extension', 'README.md')];
        for (const file of files) expect(readFileSync(file, 'utf8'), path.relative(REPO, file)).not.toMatch(INTERNAL);
    });

    test('no hover card, `hitl explain` page or `hitl rules` entry does', () => {
        for (const rule of ruleCatalogue) {
            expect(ruleCard(rule.code), rule.code).not.toMatch(INTERNAL);
            expect(explainRule(rule.code), rule.code).not.toMatch(INTERNAL);
        }
        expect(hitl(['rules', '--format', 'json']).stdout).not.toMatch(INTERNAL);
    });

    test('no SARIF report does', () => {
        const run = hitl(['check', 'samples', '--format', 'sarif']);
        expect(run.stdout).not.toMatch(INTERNAL);
        const rules = (JSON.parse(run.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; properties: { citations: string[] } }> } } }> }).runs[0].tool.driver.rules;
        expect(rules.find((rule) => rule.id === 'oversight/gate-bypass')?.properties.citations).toEqual(citationLines(['G01']));
    });

    test('hover cards cite the frameworks of each requirement', () => {
        expect(ruleCard('raci/accountable')).toContain(`*Requirement* ${citationLines(['G10'])[0]}`);
        expect(citationLines(['G10'])[0]).toMatch(/^G10: NIST AI RMF GOVERN 2\.1; ISO\/IEC 42001 A\.3\.2 \(AI roles and responsibilities\); "Key Challenges When Enterprises Deploy AI-in-the-Loop"/);
    });
});
