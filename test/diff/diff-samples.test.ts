import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { compileSide, openSide } from '../../cli/diff-sides.js';
import { diffModels, type ModelDiff } from '../../language/diff/diff-models.js';
import { CHANGE_KINDS } from '../../language/diff/kinds.js';
import { MemoryFileSystemProvider } from '../../language/headless/memory-file-system.js';
import type { HitlModel } from '../../language/model/schema.js';
import { TODAY } from '../compile/workspace.js';
import { replaceOnce, WEAKENING_EDITS } from './sample-edits.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../samples');
const ROOT = '/workspace';
const sampleTexts = (): Map<string, string> => new Map(readdirSync(SAMPLES).filter((f) => f.endsWith('.hitl')).sort().map((f) => [f, readFileSync(path.join(SAMPLES, f), 'utf8')]));

/** Compiles the samples with some files replaced, in memory, as `hitl diff` compiles a revision. */
async function compileTexts(texts: ReadonlyMap<string, string>): Promise<HitlModel> {
    const files = new Map([...texts].map(([name, text]) => [`${ROOT}/${name}`, new TextEncoder().encode(text)]));
    const side = { label: 'test', fileSystem: new MemoryFileSystemProvider(files), root: ROOT };
    return compileSide(await openSide(side), () => TODAY);
}

function edited(file: string, edit: (text: string) => string): Map<string, string> {
    const texts = sampleTexts();
    texts.set(file, edit(texts.get(file)!));
    return texts;
}

const changesOf = (diff: ModelDiff) => diff.workflows.flatMap((w) => w.changes.map((c) => ({ ...c, workflow: w.id })));

let base: HitlModel;
beforeAll(async () => {
    base = await compileTexts(sampleTexts());
});

describe('the governance diff on the samples', () => {
    test('a revision compared with itself has no change', async () => {
        const diff = diffModels(base, await compileTexts(sampleTexts()));
        expect(changesOf(diff)).toEqual([]);
        expect(diff.workflows.every((w) => w.status === 'unchanged')).toBe(true);
    });

    test('every weakening kind of the catalogue has an edit here', () => {
        expect(WEAKENING_EDITS.map((e) => e.kind).sort()).toEqual(CHANGE_KINDS.map((k) => k.kind).sort());
    });

    test.each(WEAKENING_EDITS.map((e) => [e.kind, e] as const))('%s is reported as a weakening error, with its requirement', async (kind, edit) => {
        const diff = diffModels(base, await compileTexts(edited(edit.file, edit.edit)));
        const found = changesOf(diff).filter((c) => c.kind === kind);
        expect(found.length, JSON.stringify(changesOf(diff).map((c) => c.kind))).toBeGreaterThan(0);
        for (const change of found) {
            expect(change).toMatchObject({ class: 'weakening', code: `change/${kind}`, severity: 'error', workflow: 'CreditLimitIncrease' });
        }
        expect(found.flatMap((c) => c.requirements)).toContain(edit.requirement);
        // Only the edited workflow changes.
        expect(diff.workflows.filter((w) => w.status !== 'unchanged').map((w) => w.id)).toEqual(['CreditLimitIncrease']);
        expect(diff.summary.errors).toBeGreaterThan(0);
    });

    test('a weakening in a workflow whose version was raised, with a change approver, is a warning that still names it', async () => {
        const texts = edited('credit-limit-increase.hitl', (t) => replaceOnce(replaceOnce(t, '        risk high\n', '        risk medium\n'), 'version "3.1.0"', 'version "3.2.0"'));
        const diff = diffModels(base, await compileTexts(texts));
        const [change] = changesOf(diff).filter((c) => c.kind === 'risk-lowered');
        expect(change).toMatchObject({ class: 'weakening', severity: 'warning', before: 'risk high', after: 'risk medium' });
        expect(diff.summary).toMatchObject({ errors: 0, warnings: 1 });
        expect(diff.workflows.find((w) => w.id === 'CreditLimitIncrease')!.version).toEqual({ before: '3.1.0', after: '3.2.0', raised: true });
    });

    test('a version raised without a change approver leaves the weakening an error', async () => {
        const texts = edited('credit-limit-increase.hitl', (t) => replaceOnce(replaceOnce(replaceOnce(t, '        risk high\n', '        risk medium\n'), 'version "3.1.0"', 'version "3.2.0"'), '    change approver AiGovernanceBoard\n', ''));
        const diff = diffModels(base, await compileTexts(texts));
        expect(changesOf(diff).find((c) => c.kind === 'risk-lowered')?.severity).toBe('error');
    });

    test('the opposite edits are strengthening', async () => {
        const texts = edited('credit-limit-increase.hitl', (t) => replaceOnce(replaceOnce(replaceOnce(t, 'retention 7y', 'retention 10y'), 'confidence threshold 0.8', 'confidence threshold 0.9'), '        sla 8h\n', '        sla 4h\n'));
        const changes = changesOf(diffModels(base, await compileTexts(texts)));
        expect(changes.map((c) => [c.kind, c.class]).sort()).toEqual([
            ['confidence-tightened', 'strengthening'],
            ['retention-lengthened', 'strengthening'],
            ['sla-shortened', 'strengthening'],
        ]);
    });

    test('a neutral refactoring (steps reordered, a role renamed with every use, reformatting) reports no weakening', async () => {
        const texts = sampleTexts();
        for (const [file, text] of texts) {
            // Rename the role everywhere it is named (not in quoted titles), reindent with two spaces and add blank lines.
            texts.set(file, text.replace(/"[^"\n]*"|\bUnderwriter\b/g, (match) => (match === 'Underwriter' ? 'CreditUnderwriter' : match)).replace(/^((?: {4})+)/gm, (indent) => '  '.repeat(indent.length / 4)).replace(/\n\n/g, '\n\n\n'));
        }
        const credit = texts.get('credit-limit-increase.hitl')!;
        const granted = /  outcome Granted \{\n[^}]*\}\n\n+/.exec(credit)![0];
        texts.set('credit-limit-increase.hitl', replaceOnce(credit, granted, '').replace('  escalation CreditEscalation', `${granted}  escalation CreditEscalation`));
        const diff = diffModels(base, await compileTexts(texts));
        expect(changesOf(diff).filter((c) => c.class === 'weakening')).toEqual([]);
        expect(diff.declarations.map((c) => [c.kind, c.before, c.after])).toEqual([['renamed', 'Underwriter', 'CreditUnderwriter']]);
        expect(changesOf(diff)).toEqual([]);
        // The workflow is placed where HEAD writes it (blank lines were added above it).
        const line = texts.get('credit-limit-increase.hitl')!.split('\n').findIndex((l) => l.startsWith('workflow CreditLimitIncrease')) + 1;
        expect(diff.workflows.find((w) => w.id === 'CreditLimitIncrease')!.source.line).toBe(line);
        expect(line).not.toBe(base.workflows.find((w) => w.id === 'CreditLimitIncrease')!.source.line);
    });

    test('a gate and an escalation renamed with every use are one rename each, not a removal and an addition', async () => {
        const texts = edited('credit-limit-increase.hitl', (t) => t.replace(/\bUnderwriterReview\b/g, 'FirstReview').replace(/\bSeniorCreditEscalation\b/g, 'TopEscalation'));
        const changes = changesOf(diffModels(base, await compileTexts(texts)));
        expect(changes.map((c) => [c.class, c.kind, c.before, c.after]).sort()).toEqual([
            ['neutral', 'renamed', 'SeniorCreditEscalation', 'TopEscalation'],
            ['neutral', 'renamed', 'UnderwriterReview', 'FirstReview'],
        ]);
    });

    test('a gate renamed and changed is a removal: the rename is not assumed', async () => {
        const texts = edited('credit-limit-increase.hitl', (t) => replaceOnce(t.replace(/\bUnderwriterReview\b/g, 'FirstReview'), '        sla 8h\n', '        sla 9h\n'));
        const kinds = changesOf(diffModels(base, await compileTexts(texts))).map((c) => c.kind);
        expect(kinds).toContain('gate-removed');
        expect(kinds).toContain('gate-added');
        expect(kinds).not.toContain('renamed');
    });
});
