import { describe, expect, test } from 'vitest';
import { buildManifest, isHitlManifest, renderManifest, type ManifestInput } from '../../language/generators/manifest.js';

// manifest.json is what an auditor compares across builds: the same facts must give the same
// bytes, whatever order the CLI gathered them in.

const row = (id: string, status: 'met' | 'violated' | 'suppressed' | 'not-applicable', codes: string[] = [], reason?: string) => ({
    id,
    status,
    findings: status === 'violated' ? codes.map((code) => ({ code, line: 3, message: 'm' })) : [],
    suppressions: status === 'suppressed' ? codes.map((code) => ({ code, reason: 'r', approver: 'a', expires: '2999-01-01' })) : [],
    ...(reason ? { reason } : {}),
});

const input: ManifestInput = {
    toolVersion: '1.2.3',
    format: 'yaml',
    sources: [
        { path: 'specs/b.hitl', sha256: 'bb' },
        { path: 'hitl.config.yaml', sha256: 'cc' },
        { path: 'specs/a.hitl', sha256: 'aa' },
    ],
    outputs: [
        { path: 'Zeta.runtime.yaml', sha256: '02' },
        { path: 'Alpha.runtime.yaml', sha256: '01' },
    ],
    suppressed: [
        { code: 'values/x', path: 'specs/b.hitl', line: 9, column: 2, message: 'm2', reason: 'r', approver: 'Boss', expires: '2999-01-01' },
        { code: 'flow/y', path: 'specs/a.hitl', line: 4, column: 1, message: 'm1', reason: 'r', approver: 'Boss', expires: '2999-01-01' },
    ],
    coverage: [
        { workflow: 'Zeta', path: 'specs/b.hitl', requirements: [row('G01', 'violated', ['flow/z', 'flow/a', 'flow/z']), row('G02', 'met')] },
        { workflow: 'Alpha', version: '1.0', path: 'specs/a.hitl', requirements: [row('G01', 'suppressed', ['flow/y']), row('G02', 'not-applicable', [], 'no decision')] },
    ],
};

function shuffled(value: ManifestInput): ManifestInput {
    return { ...value, sources: [...value.sources].reverse(), outputs: [...value.outputs].reverse(), suppressed: [...value.suppressed].reverse(), coverage: [...value.coverage].reverse() };
}

describe('manifest.json', () => {
    test('sorts sources, outputs, suppressed findings and workflows; keeps the requirement order', () => {
        const manifest = buildManifest(input);
        expect(manifest.sources.map((s) => s.path)).toEqual(['hitl.config.yaml', 'specs/a.hitl', 'specs/b.hitl']);
        expect(manifest.outputs.map((o) => o.path)).toEqual(['Alpha.runtime.yaml', 'Zeta.runtime.yaml']);
        expect(manifest.suppressed.map((s) => s.code)).toEqual(['flow/y', 'values/x']);
        expect(manifest.coverage.map((w) => w.workflow)).toEqual(['Alpha', 'Zeta']);
        expect(manifest.coverage[1].requirements.map((r) => r.id)).toEqual(['G01', 'G02']);
    });

    test('the same facts in another order give the same bytes', () => {
        expect(renderManifest(buildManifest(shuffled(input)))).toBe(renderManifest(buildManifest(input)));
    });

    test('coverage: counts per status, the codes behind a status once each, the reason a requirement does not apply', () => {
        const [alpha, zeta] = buildManifest(input).coverage;
        expect(alpha).toEqual({
            workflow: 'Alpha',
            version: '1.0',
            path: 'specs/a.hitl',
            counts: { met: 0, violated: 0, suppressed: 1, notApplicable: 1 },
            requirements: [
                { id: 'G01', status: 'suppressed', codes: ['flow/y'] },
                { id: 'G02', status: 'not-applicable', reason: 'no decision' },
            ],
        });
        expect(zeta.requirements[0]).toEqual({ id: 'G01', status: 'violated', codes: ['flow/a', 'flow/z'] });
        expect(zeta).not.toHaveProperty('version');
    });

    test('a date only when one is given', () => {
        expect(buildManifest(input)).not.toHaveProperty('generatedOn');
        expect(buildManifest({ ...input, generatedOn: '2026-09-01' }).generatedOn).toBe('2026-09-01');
    });

    test('only what hitl wrote counts as a hitl manifest', () => {
        expect(isHitlManifest(JSON.parse(renderManifest(buildManifest(input))))).toBe(true);
        expect(isHitlManifest({ manifestVersion: 1, tool: { name: 'other' }, outputs: [] })).toBe(false);
        expect(isHitlManifest({ manifestVersion: 1, tool: { name: 'hitl' }, outputs: [{ file: 'x' }] })).toBe(false);
        expect(isHitlManifest({ name: 'my-package', version: '1.0.0' })).toBe(false);
        expect(isHitlManifest(null)).toBe(false);
    });
});
