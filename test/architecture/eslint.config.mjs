// The architecture as a lint (run by test/architecture/boundaries.test.ts in `npm test`):
// - language/ is the pure core: no editor API, no file system, no child processes, no process
//   object, no clock and no unseeded randomness; the shells (cli/, server/, extension/) do I/O.
// - the compiled model and its consumers never see the Langium AST: one mapping reads it.
// - a rule folder never imports another's files; shared facts live in language/analysis/.
// - quick fixes use analysis, not rule internals; the extension talks to the server, not the core.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));

const CORE_PATHS = [
    { name: 'vscode', message: 'The core never talks to the editor; the extension does.' },
    ...['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process', 'worker_threads', 'node:worker_threads'].map((name) => ({
        name,
        message: 'The core does no I/O: take a Langium FileSystemProvider (or data) from the shell in cli/ or server/.',
    })),
];
const CORE_PATTERNS = [{ group: ['**/cli/*', '**/server/*', '**/extension/*'], message: 'The core never imports the shells that wrap it.' }];
const AST_PATTERNS = [
    { group: ['**/generated/ast.js', '**/generated/*', 'langium', 'langium/*'], message: 'The model and its consumers read the compiled model, never the Langium AST.' },
];

const CORE_RULES = {
    'no-restricted-globals': ['error', { name: 'process', message: 'The core reads no environment or arguments; the shell passes what is needed.' }],
    'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use a seeded generator passed in, so runs repeat.' },
        { object: 'Date', property: 'now', message: 'Read the time from the injected clock (TimeSource).' },
    ],
    'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read the time from the injected clock (TimeSource).' }],
};

const restrict = (files, patterns = [], paths = CORE_PATHS) => ({
    files,
    rules: { ...CORE_RULES, 'no-restricted-imports': ['error', { paths, patterns: [...CORE_PATTERNS, ...patterns] }] },
});

const ruleFamilies = readdirSync(new URL('../../language/validation/rules', import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

export default [
    { ignores: ['**/generated/**', '**/dist/**', 'node_modules/**'] },
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { tsconfigRootDir: root } }, linterOptions: { reportUnusedDisableDirectives: 'off' } },
    restrict(['language/**/*.ts']),
    restrict(['language/model/**/*.ts', 'language/generators/**/*.ts', 'language/exports/**/*.ts', 'language/simulator/**/*.ts', 'language/diff/**/*.ts', 'language/views/**/*.ts'], AST_PATTERNS),
    restrict(['language/lsp/quick-fixes/**/*.ts'], [{ group: ['**/validation/rules/**'], message: 'Quick fixes use language/analysis/, not rule internals.' }]),
    ...ruleFamilies.map((family) =>
        restrict(
            [`language/validation/rules/${family}/**/*.ts`],
            [{ group: ruleFamilies.filter((other) => other !== family).map((other) => `../${other}/*`), message: 'A rule folder never imports another: move the shared fact to language/analysis/.' }],
        ),
    ),
    {
        files: ['extension/src/**/*.ts'],
        rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/language/**', '**/cli/**'], message: 'The extension talks to the server; it never runs the core itself.' }] }] },
    },
];
