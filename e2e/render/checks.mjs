// Render checks: our generated artifacts (BPMN diagrams, Mermaid charts, HTML reports) opened in
// the same headless Chromium as the extension suite. Each file in e2e/render/ other than this
// one exports `default async function (context)` and reports with `context.record(ok, name,
// detail)`; `context` also carries `browser`, `artifacts` (a folder for screenshots), `root`,
// `work` (a scratch folder) and `lap`.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const HERE = path.dirname(new URL(import.meta.url).pathname);

export async function runRenderChecks(context) {
    const files = readdirSync(HERE).filter((file) => file.endsWith('.mjs') && file !== 'checks.mjs' && file !== 'main.mjs').sort();
    for (const file of files) {
        const check = await import(pathToFileURL(path.join(HERE, file)).href);
        try {
            await check.default(context);
        } catch (error) {
            context.record(false, `render check ${file}`, error.message.split('\n')[0]);
        }
    }
    return files.length;
}
