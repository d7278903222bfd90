// Packages the VS Code extension into dist/hitl-vscode-<version>.vsix with @vscode/vsce.
// Run through `npm run package` (which builds first). The bundles in extension/dist/ hold the
// client, the server and all their dependencies, so the package has no node_modules
// (--no-dependencies); extension/.vscodeignore keeps everything else out.
import { createVSIX, listFiles, PackageManager } from '@vscode/vsce';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const extensionDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(extensionDir);
const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));

const required = ['dist/extension.cjs', 'dist/server.cjs', 'syntaxes/hitl.tmLanguage.json', 'snippets/hitl.json', 'language-configuration.json', 'README.md', 'LICENSE', 'images/icon.png'];
const missing = required.filter((file) => !existsSync(path.join(extensionDir, file)));
if (missing.length > 0) {
    console.error(`package: missing ${missing.join(', ')} in extension/; run 'npm run build' first (or 'npm run package', which does).`);
    process.exit(1);
}

const outDir = path.join(root, 'dist');
mkdirSync(outDir, { recursive: true });
const packagePath = path.join(outDir, `${manifest.name}-${manifest.version}.vsix`);

const started = Date.now();
const files = await listFiles({ cwd: extensionDir, packageManager: PackageManager.None });
const unexpected = files.filter((file) => !required.includes(file) && !file.startsWith('syntaxes/') && !file.startsWith('snippets/') && !/^dist\/webview\/[\w-]+\.js$/.test(file) && file !== 'package.json');
if (unexpected.length > 0) {
    console.error(`package: unexpected files would go into the .vsix (fix extension/.vscodeignore): ${unexpected.join(', ')}`);
    process.exit(1);
}
if (!manifest.repository) {
    console.warn(`package: extension/package.json has no 'repository' field; packaging anyway.`);
}
await createVSIX({
    cwd: extensionDir,
    packagePath,
    dependencies: false,
    allowMissingRepository: true,
});
const kib = (statSync(packagePath).size / 1024).toFixed(0);
console.log(`package: ${path.relative(process.cwd(), packagePath)} (${kib} KiB; ${files.sort().join(', ')}) in ${Date.now() - started} ms`);
