import { beforeAll, describe, expect, test } from 'vitest';
import { exportAsl } from '../../../language/exports/asl/index.js';
import type { RouteScenario } from '../../../language/exports/route-scenarios.js';
import type { HitlModel } from '../../../language/model/schema.js';
import { compileTexts } from '../../compile/workspace.js';
import { traceAslRoute } from './run-asl.js';

// Timeout actions and endings no sample has: a reject with nowhere to go, a request for
// information, an escalation to a party, a chain shared by the workspace, approve and skip.
// The fixture is the flow alone: the checker's governance findings on it (no RACI, no owner)
// do not change what the export reads.
const FILES = {
    'organisation.hitl': `
role Clerk {
    authority 1
}
role Lead {
    authority 2
}
role Head {
    authority 3
}
escalation Shared {
    to Lead within 1h
    to Head within 2h
    on timeout pause
}
`,
    'fixture.hitl': `
workflow Fixture {
    start Review
    gate Review {
        reviewer Clerk
        allows approve, reject, request-info
        sla 4h
        on approve -> Intake
        on timeout escalate to Lead
    }
    queue Intake {
        owner Clerk
        timeout 1d
        on timeout skip
        then Check
    }
    gate Check {
        reviewer Clerk
        allows approve, reject
        sla 1h
        on reject -> Refused
        on timeout escalate to Shared
        then Last
    }
    gate Last {
        reviewer Lead
        allows approve
        sla 1h
        on timeout approve
        then Done
    }
    outcome Done {
        result "done"
    }
    outcome Refused {
        result "refused"
    }
}
`,
};

let model: HitlModel;
beforeAll(async () => {
    model = await compileTexts(FILES);
});

const run = async (name: string, choices: RouteScenario['choices'], expected: string) => {
    const trace = await traceAslRoute(exportAsl(model, 'Fixture'), { name, choices, expected });
    expect(trace.outcome, `Fixture · "${name}": expected ${expected}, reached ${trace.outcome} via ${trace.states.join(' → ')}`).toBe(expected);
    return trace;
};

describe('endings and timeout actions in aws-local-stepfunctions', () => {
    test('a reject with no reject route and no onward route ends the case as rejected', async () => {
        await run('Review rejects', { Review: { kind: 'gate', action: 'reject' } }, 'rejected');
    });

    test('a request for information hands the item back to the gate, which then takes its default', async () => {
        const trace = await run('Review asks for information', { Review: { kind: 'gate', action: 'request-info' } }, 'Done');
        expect(trace.states.filter((state) => state === 'Review')).toHaveLength(2);
    });

    test('a timeout escalated to a party: that party answers as the reviewer would', async () => {
        const trace = await run('Review times out', { Review: { kind: 'gate', action: 'timeout' } }, 'Done');
        expect(trace.states).toContain('Review.Escalated.Lead');
    });

    test('a queue that skips on timeout goes on; a gate that approves on timeout takes its onward route', async () => {
        const trace = await run('Intake and Last time out', { Intake: { kind: 'queue', action: 'timeout' }, Last: { kind: 'gate', action: 'timeout' } }, 'Done');
        expect(trace.states).toEqual(expect.arrayContaining(['Intake', 'Check', 'Last', 'Done']));
    });

    test('a shared chain runs level by level and ends in its own timeout action', async () => {
        const trace = await run('Check times out through the shared chain', { Check: { kind: 'gate', action: 'timeout', levelsTimingOut: 2 } }, 'paused');
        expect(trace.states).toEqual(expect.arrayContaining(['Check.shared.Shared.1', 'Check.shared.Shared.2', 'Check.Paused']));
    });
});
