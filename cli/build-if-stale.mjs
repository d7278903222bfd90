// `npm run build` only when the build is missing or older than what it is built from, so that
// `npm install && npm run demo` builds once (`prepare` already built on install), not twice.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the build reads: sources, rule pages, generator and bundler set-up, dependencies. */
export const BUILD_INPUTS = ['language', 'cli', 'server', 'extension/src', 'docs/rules', 'esbuild.mjs', 'langium-config.json', 'package.json', 'package-lock.json'];
/** What it writes; generated code sits inside `language/`, so it is never counted as an input. */
export const BUILD_OUTPUTS = ['language/generated/ast.ts', 'language/documentation/generated/rule-docs.ts', 'dist/cli.cjs', 'dist/simulate-worker.cjs', 'dist/check-worker.cjs', 'extension/dist/server.cjs', 'extension/dist/extension.cjs'];
const GENERATED = new Set(['language/generated', 'language/documentation/generated']);

/** Every file under the given repository-relative paths, generated folders left out. */
function filesUnder(root, relative) {
    const full = path.join(root, relative);
    if (GENERATED.has(relative) || !existsSync(full)) return [];
    if (!statSync(full).isDirectory()) return [relative];
    return readdirSync(full).flatMap((entry) => filesUnder(root, path.posix.join(relative, entry)));
}

/** Why the build in `root` must be redone, or undefined when it is up to date. */
export function staleReason(root) {
    const missing = BUILD_OUTPUTS.find((output) => !existsSync(path.join(root, output)));
    if (missing) return `${missing} is missing`;
    const mtime = (file) => statSync(path.join(root, file)).mtimeMs;
    const oldestOutput = BUILD_OUTPUTS.reduce((oldest, output) => (mtime(output) < mtime(oldest) ? output : oldest));
    const newer = BUILD_INPUTS.flatMap((input) => filesUnder(root, input)).find((file) => mtime(file) > mtime(oldestOutput));
    return newer ? `${newer} changed since ${oldestOutput} was built` : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const reason = staleReason(root);
    if (reason === undefined) {
        console.log('build: up to date');
    } else {
        console.log(`build: ${reason}; building`);
        const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
        process.exit(build.status ?? 1);
    }
}
