import { URI, type LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
// @ts-expect-error: the benchmark's shapes are plain JavaScript
import { SHAPES, shapeOfSize } from '../../bench/shapes.mjs';
import { MAX_RELATED } from '../../language/analysis/caps.js';
import { createTestServices } from '../services.js';

/**
 * Regression guard for issue 12: each adversarial shape of one workflow (bench/shapes.mjs) is
 * checked at two sizes, and the larger may cost at most 3× as much per byte as the smaller.
 * A ratio within one run, CPU time, best of three: no absolute time is asserted (timings are
 * in the bench; the long timeout is for a busy machine, not for the work). The fixed cost (one unit of the shape) is taken off both, so that it does not
 * hide a cost that grows faster than the file.
 */

const SMALL = 20_000;
const LARGE = 80_000;
const RUNS = 3;
const MAX_RATIO = 3;

let counter = 0;

/** CPU time (user + system, ms) of parsing, linking and validating `text` alone; best of `RUNS`. */
async function checkCost(text: string): Promise<{ cpuMs: number; document: LangiumDocument }> {
    let best: { cpuMs: number; document: LangiumDocument } | undefined;
    for (let run = 0; run < RUNS; run++) {
        const { shared } = createTestServices();
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///scale-${++counter}/scale.hitl`));
        shared.workspace.LangiumDocuments.addDocument(document);
        const before = process.cpuUsage();
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        const used = process.cpuUsage(before);
        const cpuMs = (used.user + used.system) / 1000;
        if (!best || cpuMs < best.cpuMs) best = { cpuMs, document };
    }
    return best!;
}

function diagnosticsOf(document: LangiumDocument) {
    return document.diagnostics ?? [];
}

describe('single large workflows stay linear (issue 12)', () => {
    test.each(Object.keys(SHAPES))('%s: the larger size costs at most 3× per byte of the smaller, and no finding grows with it', async (shape) => {
        const fixed = await checkCost(SHAPES[shape](1));
        const small = shapeOfSize(shape, SMALL).text as string;
        const large = shapeOfSize(shape, LARGE).text as string;
        const smallCheck = await checkCost(small);
        const largeCheck = await checkCost(large);
        const perByte = (cpuMs: number, text: string) => Math.max(cpuMs - fixed.cpuMs, 1) / text.length;
        const ratio = perByte(largeCheck.cpuMs, large) / perByte(smallCheck.cpuMs, small);
        expect(ratio, `${shape}: ${smallCheck.cpuMs.toFixed(0)} ms for ${small.length} chars, ${largeCheck.cpuMs.toFixed(0)} ms for ${large.length} (fixed ${fixed.cpuMs.toFixed(0)} ms)`).toBeLessThanOrEqual(MAX_RATIO);

        const small_ = diagnosticsOf(smallCheck.document);
        const large_ = diagnosticsOf(largeCheck.document);
        expect(large_.length).toBeGreaterThan(0);
        for (const diagnostic of large_) expect(diagnostic.relatedInformation?.length ?? 0).toBeLessThanOrEqual(MAX_RELATED);
        // Names grow by a digit or two with the size (S12 → S1234); a path or list does not.
        const longest = (diagnostics: typeof large_) => Math.max(...diagnostics.map((d) => (typeof d.message === 'string' ? d.message : d.message.value).length));
        expect(longest(large_)).toBeLessThanOrEqual(longest(small_) + 60);
    }, 120_000);
});
