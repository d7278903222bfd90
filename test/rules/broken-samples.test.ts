import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildWorkspace } from '../services.js';

/**
 * Each sample checks clean; each deliberately broken variant — one edit per rule family —
 * fires that family's rule in the edited file. The edits are the kind a reviewer should catch
 * in a pull request: a gate that can only approve, an auto-approving timeout, a dropped fallback.
 */
interface Breakage {
    readonly family: string;
    readonly find: RegExp;
    readonly replace: string;
    readonly expect: string;
}

const BREAKAGES: readonly Breakage[] = [
    { family: 'oversight', find: /allows [a-z, -]+/, replace: 'allows approve', expect: 'oversight/gate-actions' },
    { family: 'raci', find: /\n\s*accountable \w+/, replace: '', expect: 'raci/accountable' },
    { family: 'risk', find: /\n\s*risk (low|medium|high|critical)(?=\n)/, replace: '', expect: 'risk/grade-required' },
    { family: 'escalation', find: /on timeout escalate to \w+/, replace: 'on timeout approve', expect: 'escalation/fail-closed' },
    { family: 'fallback', find: /\n\s*on unavailable[^\n]*/, replace: '', expect: 'fallback/ai-fallbacks' },
    { family: 'flow', find: /\n\s*result "[^"]*"/, replace: '', expect: 'flow/outcome-without-result' },
    { family: 'audit', find: /retention \w+/, replace: 'retention 30d', expect: 'audit/retention' },
    { family: 'data', find: /\n\s*on breach [\w-]+/, replace: '', expect: 'data/drift-monitoring' },
    { family: 'rights', find: /(appeal \{[^}]*?)\n\s*sla \w+/, replace: '$1', expect: 'rights/appeal' },
    { family: 'security', find: /(\nmodel \w+ \{)/, replace: '$1\n    credentials "sk-live-9f8e7d6c5b4a39281706f5e4d3c2b1a0"', expect: 'security/inline-secret' },
    { family: 'change', find: /\n\s*change approver \w+/, replace: '', expect: 'change/version-and-approver' },
];

const SAMPLES = readdirSync('samples').filter((file) => file.endsWith('.hitl') && file !== 'organisation.hitl').sort();
const ORGANISATION = readFileSync('samples/organisation.hitl', 'utf8');

async function codesIn(sample: string, text: string): Promise<string[]> {
    const [document] = await buildWorkspace({ [sample]: text, 'organisation.hitl': ORGANISATION });
    return (document.diagnostics ?? []).filter((d) => d.severity !== 4).map((d) => String(d.code));
}

describe.each(SAMPLES)('%s', (sample) => {
    const text = readFileSync(`samples/${sample}`, 'utf8');

    test('checks clean', async () => {
        expect(await codesIn(sample, text)).toEqual([]);
    });

    test.each(BREAKAGES.map((b) => [b.family, b] as const))('a broken %s variant fires its rule', async (_family, breakage) => {
        const broken = text.replace(breakage.find, breakage.replace);
        expect(broken, `the ${breakage.family} edit applies to ${sample}`).not.toBe(text);
        const codes = await codesIn(sample, broken);
        expect(codes).toContain(breakage.expect);
        expect(codes.filter((code) => code.startsWith('syntax/'))).toEqual([]);
    });
});
