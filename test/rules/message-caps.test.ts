import { describe, expect, test } from 'vitest';
// @ts-expect-error: the benchmark's shapes are plain JavaScript
import { SHAPES } from '../../bench/shapes.mjs';
import { MAX_RELATED } from '../../language/analysis/caps.js';
import { buildDocument } from '../services.js';

// A finding names what it is about, not everything of its kind in the workflow: lists of
// decisions, steps, gates, escalations or members show their first few and how many more
// (issue 12). One workflow where each such list grows with `n`, checked at two sizes.

/** The channel, roles, AI actor and model every scaling shape declares. */
const declarations = (SHAPES['then-chain'](1) as string).split('\nworkflow')[0];

const raci = '        raci {\n            responsible Head\n            accountable Head\n        }\n';

function workflowOf(n: number): string {
    const units = Array.from({ length: n }, (_, index) => {
        const i = index + 1;
        const next = i < n ? `A${i + 1}` : 'Done';
        return `
    ai step A${i} "Score" {
        task scoring
        actor Scorer
        model ScoreModel
        user-facing
        raci {
            responsible Scorer
            accountable Head
        }
        on low-confidence -> Done
        then G${i}
    }

    gate G${i} {
        reviewer Reviewer
        reviews A${i}
        allows approve, reject
${raci}        sla 1d
        on approve -> D${i}
        on reject -> Done
        on timeout escalate to E1
    }

    decision D${i} {
        kind eligibility
        decided by Reviewer
        risk high
        affects user rights
${raci}        then ${next}
    }

    escalation E${i} {
        to Head via Pager within 1d
        on timeout ${i < n ? `escalate to E${i + 1}` : 'approve'}
    }
`;
    });
    return `${declarations}
workflow Many "Many" {
    version "1.0.0"
    owner Head
    change approver Head
    stage assist
    start A1
    sla 2d
${units.join('')}
    outcome Done {
        result "done"
    }

    audit {
        record ai-output
    }
}
`;
}

async function findings(n: number) {
    const document = await buildDocument(workflowOf(n));
    return (document.diagnostics ?? []).map((d) => ({ code: String(d.code), message: typeof d.message === 'string' ? d.message : d.message.value, related: d.relatedInformation?.length ?? 0 }));
}

describe('no message grows with the workflow', () => {
    test('lists of decisions, steps, gates and escalations show their first few and how many more', async () => {
        const small = await findings(20);
        const large = await findings(200);
        const longest = (all: typeof small, code: string) => Math.max(0, ...all.filter((f) => f.code === code).map((f) => f.message.length));
        const codes = [...new Set(large.map((f) => f.code))];
        // The rules whose lists grew with the workflow before they were capped.
        for (const code of ['risk/pre-deployment-review', 'rights/appeal', 'audit/reviewer-identity', 'oversight/gate-bypass']) expect(codes).toContain(code);
        for (const code of codes) {
            // Names grow by a digit from 20 to 200 units (A12 → A123); a list does not.
            expect(longest(large, code), code).toBeLessThanOrEqual(longest(small, code) + 60);
        }
        for (const finding of large) expect(finding.related, finding.code).toBeLessThanOrEqual(MAX_RELATED);
        expect(large.find((f) => f.code === 'rights/appeal')?.message).toContain('and 188 more');
    }, 120_000);
});
