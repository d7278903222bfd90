// The render checks alone, without code-server: node_modules/.bin/node e2e/render/main.mjs
// (npm run build first: checks use the built CLI). Prints 'N passed, M failed'.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../browser.mjs';
import { ROOT } from '../workspace.mjs';
import { runRenderChecks } from './checks.mjs';

const work = path.join(ROOT, 'e2e', '.work');
const artifacts = path.join(work, 'artifacts');
mkdirSync(artifacts, { recursive: true });
const results = { passed: 0, failed: 0 };
const lap = (text) => console.log(`[render] ${text}`);
const record = (ok, name, detail = '') => {
    results[ok ? 'passed' : 'failed']++;
    lap(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
};
const browser = await launchBrowser(path.join(work, 'state'));
try {
    await runRenderChecks({ browser, record, lap, root: ROOT, work, artifacts });
} finally {
    await browser.close();
}
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
