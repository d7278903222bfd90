import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const FIXTURE_ROOT = path.resolve('test/fixtures/rules');

/** One workspace to check: a single fixture file, or every file of a fixture sub-folder. */
export interface FixtureCase {
    readonly code: string;
    readonly name: string;
    readonly files: readonly string[];
}

export interface Expectation {
    readonly file: string;
    readonly line: number;
    readonly code: string;
    readonly present: boolean;
}

/**
 * Fixtures live in test/fixtures/rules/<area>/<rule-name>/. A comment `// $TEST$ <code>`
 * says the next line carries a diagnostic with that code; `// $TEST$ no <code>` says it does
 * not; `(line N)` after the code names the line instead (for findings about the whole file).
 */
export function fixtureCases(): FixtureCase[] {
    const cases: FixtureCase[] = [];
    for (const area of directories(FIXTURE_ROOT)) {
        for (const rule of directories(path.join(FIXTURE_ROOT, area))) {
            const folder = path.join(FIXTURE_ROOT, area, rule);
            const code = `${area}/${rule}`;
            for (const entry of readdirSync(folder).sort()) {
                const full = path.join(folder, entry);
                if (statSync(full).isDirectory()) {
                    const files = readdirSync(full).filter((f) => f.endsWith('.hitl')).sort().map((f) => path.join(full, f));
                    cases.push({ code, name: `${code}/${entry}/`, files });
                } else if (entry.endsWith('.hitl')) {
                    cases.push({ code, name: `${code}/${entry}`, files: [full] });
                }
            }
        }
    }
    return cases;
}

function directories(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

const MARKER = /\/\/\s*\$TEST\$\s+(no\s+)?([a-z]+\/[a-z0-9-]+)(?:\s+\(line (\d+)\))?/;

export function expectationsOf(file: string): Expectation[] {
    // latin1 so that fixtures holding invalid UTF-8 or binary bytes can still carry markers
    const lines = readFileSync(file, 'latin1').split('\n');
    const expectations: Expectation[] = [];
    lines.forEach((text, index) => {
        const match = MARKER.exec(text);
        if (!match) return;
        let target = index + 1;
        while (target < lines.length && MARKER.test(lines[target])) target++;
        const line = match[3] ? Number(match[3]) : target + 1;
        expectations.push({ file, line, code: match[2], present: !match[1] });
    });
    return expectations;
}

export interface ConfigFixture {
    readonly file: string;
    readonly text: string;
    /** Lines (1-based) that carry a finding of the fixture's code. */
    readonly expectations: readonly number[];
}

const YAML_MARKER = /#\s*\$TEST\$\s+([a-z]+\/[a-z0-9-]+)/;

/** YAML fixtures of a configuration rule: `# $TEST$ <code>` says the next non-marker line carries a finding. */
export function configFixtures(code: string): ConfigFixture[] {
    const folder = path.join(FIXTURE_ROOT, code);
    return readdirSync(folder)
        .filter((name) => name.endsWith('.yaml'))
        .sort()
        .map((name) => {
            const file = path.join(folder, name);
            const text = readFileSync(file, 'utf8');
            const lines = text.split('\n');
            const expectations: number[] = [];
            lines.forEach((line, index) => {
                if (YAML_MARKER.exec(line)?.[1] !== code) return;
                let target = index + 1;
                while (target < lines.length && YAML_MARKER.test(lines[target])) target++;
                expectations.push(target + 1);
            });
            return { file, text, expectations };
        });
}
