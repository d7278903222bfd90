import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';
import { ruleCatalogue } from '../../language/validation/registry.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: REPO, overrideConfigFile: path.join(REPO, 'test/architecture/eslint.config.mjs') });

/** `file:line rule message` for every problem, so a failure names what crossed which boundary. */
function problems(results: ESLint.LintResult[]): string[] {
    return results.flatMap((result) => result.messages.map((m) => `${path.relative(REPO, result.filePath)}:${m.line} ${m.ruleId ?? 'parse'} ${m.message}`));
}

describe('architecture boundaries', () => {
    test('the core, the rules, the quick fixes and the extension keep to their boundaries', async () => {
        const results = await eslint.lintFiles(['language/**/*.ts', 'cli/**/*.ts', 'server/**/*.ts', 'extension/src/**/*.ts']);
        expect(results.length).toBeGreaterThan(100);
        expect(problems(results)).toEqual([]);
    });

    // The lint itself is checked: each boundary rejects a file that crosses it.
    test.each([
        ['language/util/example.ts', "import { readFileSync } from 'node:fs';", 'no-restricted-imports'],
        ['language/util/example.ts', "import * as vscode from 'vscode';", 'no-restricted-imports'],
        ['language/util/example.ts', "import { run } from '../../cli/main.js';", 'no-restricted-imports'],
        ['language/util/example.ts', 'export const home = process.env.HOME;', 'no-restricted-globals'],
        ['language/util/example.ts', 'export const today = new Date();', 'no-restricted-syntax'],
        ['language/util/example.ts', 'export const roll = Math.random();', 'no-restricted-properties'],
        ['language/generators/example.ts', "import type { Workflow } from '../generated/ast.js';", 'no-restricted-imports'],
        ['language/exports/bpmn/example.ts', "import type { Workflow } from '../../generated/ast.js';", 'no-restricted-imports'],
        ['language/validation/rules/flow/example.ts', "import { chainOf } from '../escalation/escalation-facts.js';", 'no-restricted-imports'],
        ['language/lsp/quick-fixes/example.ts', "import { x } from '../../validation/rules/flow/dead-end.js';", 'no-restricted-imports'],
        ['extension/src/example.ts', "import { createHitlServices } from '../../language/lsp/lsp-module.js';", 'no-restricted-imports'],
    ])('%s: `%s` is refused', async (file, code, rule) => {
        const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
        expect(result.messages.map((m) => m.ruleId)).toContain(rule);
    });

    test('a date the shell passes in is fine', async () => {
        const [result] = await eslint.lintText('export const day = (ms: number) => new Date(ms);', { filePath: path.join(REPO, 'language/util/example.ts') });
        expect(result.messages).toEqual([]);
    });
});

describe('one rule, one file named by its code', () => {
    // Built-in findings of the parser, the linker and the configuration reader have no rule file.
    const BUILT_IN = /^(syntax|reference|config)\//;

    test('every rule of the catalogue lives in language/validation/rules/<code>.ts, next to its doc page', () => {
        const misplaced = ruleCatalogue
            .filter((rule) => !BUILT_IN.test(rule.code))
            .filter((rule) => {
                const file = path.join(REPO, 'language/validation/rules', `${rule.code}.ts`);
                return !existsSync(file) || !readFileSync(file, 'utf8').includes(`code: '${rule.code}'`) || !existsSync(path.join(REPO, 'docs/rules', `${rule.code}.md`));
            })
            .map((rule) => rule.code);
        expect(misplaced).toEqual([]);
    });

    test('a rule folder holds rule files and its index only', () => {
        const codes = new Set(ruleCatalogue.map((rule) => rule.code));
        const root = path.join(REPO, 'language/validation/rules');
        const strays = readdirSync(root, { recursive: true, encoding: 'utf8' })
            .filter((file) => file.endsWith('.ts') && path.basename(file) !== 'index.ts')
            .filter((file) => !codes.has(file.slice(0, -3).split(path.sep).join('/')));
        expect(strays).toEqual([]);
    });
});
