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

const required = [
    'dist/extension.cjs',
    'dist/server.cjs',
    'dist/webview/graph.js',
    'dist/webview/graph.css',
    'dist/docs/requirements.md',
    'dist/docs/rules/README.md',
    'dist/schemas/hitl.config.schema.json',
    'dist/schemas/hitl.scenario.schema.json',
    'syntaxes/hitl.tmLanguage.json',
    'snippets/hitl.json',
    'templates/new-workflow.hitl',
    'language-configuration.json',
    'README.md',
    'LICENSE',
    'images/icon.png',
];
// Folders whose every file goes in: the rule pages, the schemas, the walkthrough's pages.
const shippedFolders = ['images/', 'dist/webview/', 'dist/docs/', 'dist/schemas/', 'syntaxes/', 'snippets/', 'templates/', 'walkthrough/'];
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
const unexpected = files.filter((file) => !required.includes(file) && !shippedFolders.some((folder) => file.startsWith(folder)) && file !== 'package.json');
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
    // The README's images ship in the package and resolve beside it in VS Code's details view;
    // vsce would otherwise rewrite them to a repository's web address.
    rewriteRelativeLinks: false,
});
const kib = (statSync(packagePath).size / 1024).toFixed(0);
console.log(`package: ${path.relative(process.cwd(), packagePath)} (${kib} KiB, ${files.length} files) in ${Date.now() - started} ms`);
