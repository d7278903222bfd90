import { afterAll, beforeAll, expect, test } from 'vitest';
import { Random } from './random-edits.js';
import { differences, EditingSession } from './session-driver.js';

// After any edit, every document's diagnostics in the editor equal what `hitl check` reports
// for the same texts: the built language server, driven over stdio through seeded random edits.

const SEED = Number(process.env.HITL_LSP_SEED ?? 1);
const BATCHES = Number(process.env.HITL_LSP_BATCHES ?? 20);

let session: EditingSession;

beforeAll(async () => {
    session = await EditingSession.start();
}, 60_000);

afterAll(async () => {
    await session?.close();
});

test('the published diagnostics of every document equal a fresh check after every batch of random cross-file edits', async () => {
    const random = new Random(SEED);
    for (let batch = 1; batch <= BATCHES; batch++) {
        const edits = await session.randomEdits(random, 1 + random.int(4));
        await session.settle();
        const { published, fresh } = await session.compareWithFreshCheck();
        const where = `seed ${SEED}, batch ${batch}, edits to ${edits.map((e) => e.name).join(', ')}`;
        expect(differences(published, fresh), where).toEqual([]);
    }
    expect(session.server.serverErrors).toEqual([]);
}, 240_000);
