import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXTURES, REPO, hitl } from './cli.js';
import { SCHEMA_FILE, URI_REFERENCE, sarifValidator, type SarifLog, type SarifResult, type SarifRule } from './sarif-schema.js';

const FINDINGS = `${FIXTURES}/findings`;
let validate: ValidateFunction;
let stdout: string;
let sarif: SarifLog;
let results: SarifResult[];
let rules: SarifRule[];

beforeAll(() => {
    validate = sarifValidator();
    const run = hitl(['check', FINDINGS, '--format', 'sarif']);
    expect(run.code).toBe(1);
    stdout = run.stdout;
    sarif = JSON.parse(stdout) as SarifLog;
    results = sarif.runs[0].results;
    rules = sarif.runs[0].tool.driver.rules;
});

const resultAt = (file: string, line: number, ruleId: string) =>
    results.find((r) => r.ruleId === ruleId && r.locations[0].physicalLocation.artifactLocation.uri === `${FINDINGS}/${file}` && r.locations[0].physicalLocation.region.startLine === line);

describe('SARIF 2.1.0', () => {
    test('the schema uses no draft-04 keyword whose meaning later changed', () => {
        const text = readFileSync(SCHEMA_FILE, 'utf8');
        expect(text).not.toMatch(/"exclusive(Minimum|Maximum)"\s*:\s*(true|false)/);
        expect(text).not.toMatch(/"(dependencies|divisibleBy|disallow|extends)"\s*:/);
    });

    test('the report validates against the official schema', () => {
        const valid = validate(sarif);
        expect(validate.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
        expect(sarif.version).toBe('2.1.0');
    });

    test('the validator does reject a broken log', () => {
        const broken = structuredClone(sarif);
        broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
        expect(validate(broken)).toBe(false);
        const noTool = structuredClone(sarif) as unknown as { runs: Array<{ tool?: unknown }> };
        delete noTool.runs[0].tool;
        expect(validate(noTool)).toBe(false);
    });

    test('an empty workspace report is valid too', () => {
        const run = hitl(['check', `${FIXTURES}/clean`, '--format', 'sarif']);
        expect(run.code).toBe(0);
        const clean = JSON.parse(run.stdout) as SarifLog;
        expect(validate(clean)).toBe(true);
        expect(clean.runs[0].results).toEqual([]);
        expect(clean.runs[0].tool.driver.rules.length).toBeGreaterThan(0);
    });
});

describe('what GitHub code scanning needs', () => {
    test('reports the known findings with their levels', () => {
        expect(resultAt('a-roles.hitl', 7, 'structure/duplicate-name')?.level).toBe('error');
        expect(resultAt('b-payments.hitl', 11, 'flow/missing-otherwise')?.level).toBe('warning');
        expect(resultAt('b-payments.hitl', 14, 'flow/dead-end')?.level).toBe('error');
        expect(resultAt('b-payments.hitl', 15, 'reference/unresolved')?.message.text).toContain('Nobody');
        expect(resultAt('b-payments.hitl', 16, 'escalation/timeout-required')?.level).toBe('error');
        expect(resultAt('b-payments.hitl', 23, 'structure/duplicate-name')?.level).toBe('error');
    });

    test('every result names a rule in tool.driver.rules, and ruleIndex points at it', () => {
        const ids = rules.map((rule) => rule.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const result of results) {
            expect(ids).toContain(result.ruleId);
            expect(result.ruleIndex).toBeDefined();
            expect(rules[result.ruleIndex!].id).toBe(result.ruleId);
        }
    });

    test('every rule has a name, a description and help; reported rules get their documentation page', () => {
        for (const rule of rules) {
            expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
            expect(rule.shortDescription.text.trim()).not.toBe('');
            expect(rule.help.text.trim()).not.toBe('');
            expect(rule.help.markdown?.trim()).not.toBe('');
        }
        const deadEnd = rules.find((rule) => rule.id === 'flow/dead-end')!;
        expect(deadEnd.help.markdown).toContain('# flow/dead-end');
        expect(deadEnd.help.markdown).toContain('## Why');
    });

    test('artifact URIs are repository-relative, with forward slashes and no file: scheme', () => {
        const locations = results.flatMap((r) => [...r.locations, ...(r.relatedLocations ?? [])]);
        expect(locations.length).toBeGreaterThan(results.length);
        for (const location of locations) {
            const uri = location.physicalLocation.artifactLocation.uri;
            expect(uri).toMatch(new RegExp(`^${FINDINGS}/[ab]-[a-z]+\\.hitl$`));
            expect(uri).not.toContain('\\');
            expect(uri).not.toContain('file:');
        }
    });

    test('regions are complete and 1-based', () => {
        for (const result of results) {
            const { region } = result.locations[0].physicalLocation;
            expect(region.startLine).toBeGreaterThanOrEqual(1);
            expect(region.startColumn).toBeGreaterThanOrEqual(1);
            expect(region.endLine).toBeGreaterThanOrEqual(region.startLine);
            if (region.endLine === region.startLine) expect(region.endColumn).toBeGreaterThan(region.startColumn);
        }
        // `reviewer Nobody` on line 15: the name spans columns 18 to 24 (end exclusive).
        expect(resultAt('b-payments.hitl', 15, 'reference/unresolved')?.locations[0].physicalLocation.region).toEqual({ startLine: 15, startColumn: 18, endLine: 15, endColumn: 24 });
    });

    test('duplicate names link the first declaration as a related location, in the same file or another', () => {
        const sameFile = resultAt('a-roles.hitl', 7, 'structure/duplicate-name')!;
        expect(sameFile.relatedLocations).toHaveLength(1);
        expect(sameFile.relatedLocations![0].physicalLocation.artifactLocation.uri).toBe(`${FINDINGS}/a-roles.hitl`);
        expect(sameFile.relatedLocations![0].physicalLocation.region.startLine).toBe(3);
        expect(sameFile.relatedLocations![0].message?.text).toContain('Analyst');

        const otherFile = resultAt('b-payments.hitl', 23, 'structure/duplicate-name')!;
        expect(otherFile.relatedLocations![0].physicalLocation.artifactLocation.uri).toBe(`${FINDINGS}/a-roles.hitl`);
        expect(otherFile.relatedLocations![0].physicalLocation.region.startLine).toBe(11);
    });

    test('every result has a partial fingerprint, distinct from the others and the same on the next run', () => {
        const fingerprints = results.map((r) => JSON.stringify(r.partialFingerprints));
        for (const result of results) expect(Object.keys(result.partialFingerprints).length).toBeGreaterThan(0);
        expect(new Set(fingerprints).size).toBe(results.length);
        const again = hitl(['check', FINDINGS, '--format', 'sarif']);
        expect(again.stdout).toBe(stdout);
    });
});

describe('fingerprints and URIs in a scratch workspace', () => {
    let scratch: string;
    beforeAll(() => {
        scratch = mkdtempSync(path.join(tmpdir(), 'hitl-sarif-'));
    });
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    const fingerprintsIn = (folder: string) => {
        const run = hitl(['check', '.', '--format', 'sarif'], { cwd: folder });
        const log = JSON.parse(run.stdout) as SarifLog;
        return new Map(log.runs[0].results.map((r) => [`${r.ruleId} ${r.message.text}`, r.partialFingerprints]));
    };

    test('fingerprints survive lines being added above a finding', () => {
        const before = path.join(scratch, 'before');
        const after = path.join(scratch, 'after');
        cpSync(path.join(REPO, FINDINGS), before, { recursive: true });
        cpSync(path.join(REPO, FINDINGS), after, { recursive: true });
        const moved = path.join(after, 'b-payments.hitl');
        writeFileSync(moved, `// three lines\n// pushed in\n// above\n${readFileSync(moved, 'utf8')}`);
        const original = fingerprintsIn(before);
        const shifted = fingerprintsIn(after);
        expect(original.size).toBeGreaterThan(0);
        expect(shifted).toEqual(original);
    });

    test('file names with spaces, #, % and : become valid, decodable URI references', () => {
        const folder = path.join(scratch, 'odd names');
        cpSync(path.join(REPO, FINDINGS, 'a-roles.hitl'), path.join(folder, 'x #1 100%: roles.hitl'));
        const run = hitl(['check', '.', '--format', 'sarif'], { cwd: scratch });
        const log = JSON.parse(run.stdout) as SarifLog;
        expect(validate(log)).toBe(true);
        const uris = log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
        expect(uris).toContain('odd%20names/x%20%231%20100%25%3A%20roles.hitl');
        for (const uri of uris) expect(uri).toMatch(URI_REFERENCE);
        expect(uris.map(decodeURIComponent)).toContain('odd names/x #1 100%: roles.hitl');
    });
});

describe('help links', () => {
    const rulesWith = (env: Record<string, string | undefined>) => {
        const run = hitl(['check', FINDINGS, '--format', 'sarif'], { env });
        expect(run.code).toBe(1);
        const log = JSON.parse(run.stdout) as SarifLog;
        const valid = validate(log);
        expect(validate.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
        return log.runs[0].tool.driver.rules;
    };

    test("by default every documented rule's helpUri is its page in the repository's docs folder", () => {
        const documented = rulesWith({ HITL_DOCS_BASE_URL: undefined }).filter((rule) => rule.helpUri !== undefined);
        expect(documented.length).toBeGreaterThan(70);
        for (const rule of documented) {
            expect(rule.helpUri).toBe(`https://github.com/hitl-dev/hitl/blob/main/docs/rules/${rule.id}.md`);
            expect(existsSync(path.join(REPO, 'docs', 'rules', `${rule.id}.md`)), rule.id).toBe(true);
        }
    });

    test('HITL_DOCS_BASE_URL points them at published docs, with or without a trailing slash', () => {
        for (const base of ['https://docs.example.org/hitl', 'https://docs.example.org/hitl/']) {
            const deadEnd = rulesWith({ HITL_DOCS_BASE_URL: base }).find((rule) => rule.id === 'flow/dead-end');
            expect(deadEnd?.helpUri).toBe('https://docs.example.org/hitl/rules/flow/dead-end.md');
        }
    });

    test("links in a rule's help lead to the requirements wherever code scanning shows them", () => {
        const deadEnd = rulesWith({ HITL_DOCS_BASE_URL: undefined }).find((rule) => rule.id === 'flow/dead-end')!;
        expect(deadEnd.help.markdown).toContain('[G23](https://github.com/hitl-dev/hitl/blob/main/docs/requirements.md#g23)');
        expect(deadEnd.help.markdown).not.toMatch(/\]\(\.\.?\//);
    });

    test('a HITL_DOCS_BASE_URL that is not an absolute URL is a usage error, not an invalid report', () => {
        const run = hitl(['check', FINDINGS, '--format', 'sarif'], { env: { HITL_DOCS_BASE_URL: 'docs/rules' } });
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain("HITL_DOCS_BASE_URL must be an absolute URL such as https://example.org/hitl/docs/, not 'docs/rules'");
    });
});
