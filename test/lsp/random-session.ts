import { ResponseError } from 'vscode-languageserver-protocol';
import { Random } from './random-edits.js';
import { randomPlace, randomRequests, uncoveredCapabilities, type RandomRequest } from './random-requests.js';
import { SUPERSEDED_CODES } from './server-session.js';
import { differences, EditingSession } from './session-driver.js';

export interface SessionOptions {
    readonly seed: number;
    /** Edits to make in all (random ones, and those that formatting, rename and quick fixes return). */
    readonly edits: number;
    /** Compare with a fresh check after every this many batches (and at the end). */
    readonly checkEvery: number;
}

export interface SessionReport {
    readonly edits: number;
    readonly requests: number;
    /** Answered with ContentModified or RequestCancelled: overtaken by a later edit. */
    readonly superseded: number;
    /** Renames refused with a message (a position off any name, a name that cannot be used). */
    readonly refused: number;
    readonly staleChecks: number;
    readonly startRssMb: number;
    readonly peakRssMb: number;
    readonly endRssMb: number;
    readonly durationMs: number;
    /** Error responses, server errors, uncovered capabilities and stale diagnostics; expected empty. */
    readonly problems: string[];
}

/**
 * A long editing session against the built server: random edits interleaved with random
 * requests of every kind it advertises, some answered while newer edits are under way, some
 * whose edits (formatting, rename, quick fixes) are applied; every few batches, every
 * document's published diagnostics are compared with a fresh check of the same texts.
 */
export async function runRandomSession(options: SessionOptions): Promise<SessionReport> {
    const started = performance.now();
    const random = new Random(options.seed);
    const session = await EditingSession.start();
    const problems: string[] = uncoveredCapabilities(session.server.capabilities).map((key) => `capability '${key}' is advertised but never requested`);
    let requests = 0;
    let superseded = 0;
    let refused = 0;
    let staleChecks = 0;
    const startRssMb = session.server.rssMb();
    let peakRssMb = startRssMb;

    const send = async (request: RandomRequest): Promise<unknown> => {
        requests++;
        const shown = `${request.method} ${JSON.stringify(request.params).slice(0, 300)}`;
        try {
            const result = await session.server.connection.sendRequest(request.method, request.params);
            // An error object sent as a result (a ResponseError of another copy of the library) is a failure too.
            if (isErrorShaped(result)) problems.push(`${shown}: an error sent as a result: ${JSON.stringify(result)}`);
            return result;
        } catch (error) {
            if (error instanceof ResponseError && SUPERSEDED_CODES.has(error.code)) superseded++;
            else if (error instanceof ResponseError && isRefusal(request.method, error)) refused++;
            else problems.push(`${shown}: ${error instanceof Error ? error.message : String(error)}`);
            return undefined;
        }
    };

    try {
        for (let batch = 1; session.edits < options.edits; batch++) {
            const inFlight: Array<Promise<unknown>> = [];
            for (let step = 5 + random.int(20); step > 0; step--) {
                if (random.next() < 0.35) {
                    await session.randomEdits(random, 1);
                    continue;
                }
                const name = random.pick(session.names);
                const text = session.files.get(name)!;
                const context = { random, session, name, uri: session.server.uri(name), text, ...randomPlace(random, text) };
                for (const request of randomRequests(context, session.server.capabilities)) {
                    if (!request.edits || random.next() < 0.5) {
                        inFlight.push(send(request));
                        continue;
                    }
                    // Applied only if nothing changed while the server answered, as an editor would.
                    const editsBefore = session.edits;
                    const result = await send(request);
                    if (session.edits !== editsBefore) continue;
                    for (const [changed, newText] of request.edits(result)) await session.apply({ name: changed, text: newText });
                }
            }
            await Promise.all(inFlight);
            peakRssMb = Math.max(peakRssMb, session.server.rssMb());
            if (batch % options.checkEvery === 0 || session.edits >= options.edits) {
                await session.settle();
                const { published, fresh } = await session.compareWithFreshCheck();
                staleChecks++;
                const stale = differences(published, fresh);
                if (stale.length > 0) problems.push(`stale diagnostics after batch ${batch} (seed ${options.seed}):\n${stale.join('\n')}`);
            }
        }
        problems.push(...session.server.serverErrors.map((error) => `server error: ${error}`));
        const endRssMb = session.server.rssMb();
        return { edits: session.edits, requests, superseded, refused, staleChecks, startRssMb, peakRssMb: Math.max(peakRssMb, endRssMb), endRssMb, durationMs: performance.now() - started, problems };
    } finally {
        await session.close();
    }
}

/** Rename is refused, with a message, for a position that is not on a name or a new name that cannot be used. */
function isRefusal(method: string, error: ResponseError<unknown>): boolean {
    return (method === 'textDocument/prepareRename' || method === 'textDocument/rename') && error.code === -32803 && error.message.length > 0;
}

function isErrorShaped(result: unknown): boolean {
    return typeof result === 'object' && result !== null && typeof (result as { code?: unknown }).code === 'number' && Object.keys(result).length <= 3 && !('range' in result);
}
