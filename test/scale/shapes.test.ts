import { URI, type LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
// @ts-expect-error: the benchmark's shapes are plain JavaScript
import { SHAPES, shapeOfSize } from '../../bench/shapes.mjs';
import { MAX_RELATED } from '../../language/analysis/caps.js';
import { createTestServices } from '../services.js';

/**
 * Regression guard for issue 12: each adversarial shape of one workflow (bench/shapes.mjs) is
 * checked at two sizes, and the larger may cost at most 3× as much per byte as the smaller.
 * A ratio within one run, CPU time, no absolute time asserted (timings are in the bench; the
 * long timeout is for a busy machine, not for the work). The fixed cost (one unit of the shape)
 * is taken off every check, so that it does not hide a cost that grows faster than the file.
 *
 * Both sides check the same number of bytes: a 50 KB file eight times, each in fresh services,
 * against one of 400 KB. Garbage collection then lands on both alike; when one check of 20 KB
 * was timed against one of 80 KB, a check that happened to run without a collection made the
 * ratio pass 3 on a busy CI runner though the cost was linear. Rounds alternate the sides, the
 * first warms the JIT for both, and the cheapest of four is kept. Linear shapes measure 0.5–1.1
 * here; a quadratic costs up to 8× per byte at eight times the size (a name compared with every
 * other name in `structure/duplicate-name`, put in on purpose, measured 3.3 on `when-branches`).
 */

const SMALL = 50_000;
const COPIES = 8;
const RUNS = 4;
const MAX_RATIO = 3;

let counter = 0;

interface Cost {
    cpuMs: number;
    /** The last document checked, for its findings. */
    document: LangiumDocument;
}

/** CPU time (user + system, ms) of parsing, linking and validating each text alone, in fresh services. */
async function checkCost(texts: string[]): Promise<Cost> {
    let cpuMs = 0;
    let document: LangiumDocument | undefined;
    for (const text of texts) {
        const { shared } = createTestServices();
        document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///scale-${++counter}/scale.hitl`));
        shared.workspace.LangiumDocuments.addDocument(document);
        const before = process.cpuUsage();
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        const used = process.cpuUsage(before);
        cpuMs += (used.user + used.system) / 1000;
    }
    return { cpuMs, document: document! };
}

/** The cheapest of `RUNS` rounds for each batch of texts, the batches checked in turn within a round. */
async function bestCosts(batches: string[][]): Promise<Cost[]> {
    const best: Cost[] = [];
    for (let run = 0; run < RUNS; run++) {
        for (const [index, batch] of batches.entries()) {
            const cost = await checkCost(batch);
            if (!best[index] || cost.cpuMs < best[index].cpuMs) best[index] = cost;
        }
    }
    return best;
}

function diagnosticsOf(document: LangiumDocument) {
    return document.diagnostics ?? [];
}

describe('single large workflows stay linear (issue 12)', () => {
    test.each(Object.keys(SHAPES))('%s: the larger size costs at most 3× per byte of the smaller, and no finding grows with it', async (shape) => {
        const small = shapeOfSize(shape, SMALL).text as string;
        const large = shapeOfSize(shape, SMALL * COPIES).text as string;
        const [fixed, smallCheck, largeCheck] = await bestCosts([[SHAPES[shape](1)], Array<string>(COPIES).fill(small), [large]]);
        const perByte = (cost: Cost, text: string, copies: number) => Math.max(cost.cpuMs - copies * fixed.cpuMs, 1) / (copies * text.length);
        const ratio = perByte(largeCheck, large, 1) / perByte(smallCheck, small, COPIES);
        expect(ratio, `${shape}: ${smallCheck.cpuMs.toFixed(0)} ms for ${COPIES} × ${small.length} chars, ${largeCheck.cpuMs.toFixed(0)} ms for ${large.length} (fixed ${fixed.cpuMs.toFixed(0)} ms)`).toBeLessThanOrEqual(MAX_RATIO);

        const small_ = diagnosticsOf(smallCheck.document);
        const large_ = diagnosticsOf(largeCheck.document);
        expect(large_.length).toBeGreaterThan(0);
        for (const diagnostic of large_) expect(diagnostic.relatedInformation?.length ?? 0).toBeLessThanOrEqual(MAX_RELATED);
        // Names grow by a digit or two with the size (S12 → S1234); a path or list does not.
        const longest = (diagnostics: typeof large_) => Math.max(...diagnostics.map((d) => (typeof d.message === 'string' ? d.message : d.message.value).length));
        expect(longest(large_)).toBeLessThanOrEqual(longest(small_) + 60);
    }, 300_000);
});
