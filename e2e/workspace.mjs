// Prepares the throw-away workspaces the end-to-end tests open: a copy of samples/*.hitl
// (and a hitl.config.yaml, if the samples have one), optionally with one problem written in.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLES = path.join(ROOT, 'samples');

/** The sample the tests edit; the suite (suite/language.test.cjs) names it too. */
export const EDITED_SAMPLE = 'credit-limit-increase.hitl';

/**
 * Copies the samples into `dir` (emptied first). With `withProblem`, the first gate's SLA in
 * the edited sample becomes `0h`, which the rule escalation/timeout-required (G18) reports.
 * Returns what the UI check should look for.
 */
export function prepareWorkspace(dir, { withProblem = false } = {}) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(SAMPLES)) {
        if (name.endsWith('.hitl') || name === 'hitl.config.yaml') copyFileSync(path.join(SAMPLES, name), path.join(dir, name));
    }
    if (!existsSync(path.join(dir, EDITED_SAMPLE))) throw new Error(`samples/${EDITED_SAMPLE} is missing`);
    if (!withProblem) return { dir };

    const file = path.join(dir, EDITED_SAMPLE);
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = slaLineOfFirstGate(lines);
    lines[line] = lines[line].replace(/sla\s+\S+/, 'sla 0h');
    writeFileSync(file, lines.join('\n'));
    return { dir, file: EDITED_SAMPLE, line, code: 'escalation/timeout-required', message: 'so it times out the moment an item arrives' };
}

/** The index of the `sla <duration>` line of the first gate (the suite finds it the same way). */
export function slaLineOfFirstGate(lines) {
    const gate = lines.findIndex((text) => /^\s*gate\s+\w+/.test(text));
    const sla = lines.findIndex((text, index) => index > gate && /^\s*sla\s+\d+[a-z]+\s*$/.test(text));
    if (gate < 0 || sla < 0) throw new Error(`${EDITED_SAMPLE} has no gate with an 'sla' line`);
    return sla;
}
