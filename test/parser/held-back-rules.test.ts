import { describe, expect, test } from 'vitest';
import { buildDocument } from '../services.js';

/** Two AI workflows without a stop control; the first has a half-typed `sla`. */
function twoWorkflows(firstSla: string): string {
    return `role Clerk {
    competence "Payments"
}

workflow Broken {
    ai step Score {
        task scoring
        then Review
    }
    gate Review {
        reviewer Clerk
        sla ${firstSla}
        on timeout deny
        on approve -> Done
        on reject -> Done
    }
    outcome Done
}

workflow Healthy {
    ai step Score {
        task scoring
        then Done
    }
    outcome Done
    outcome Done
}
`;
}

async function findings(text: string): Promise<Array<{ line: number; code: string }>> {
    const document = await buildDocument(text);
    return (document.diagnostics ?? []).filter((d) => d.severity !== 4).map((d) => ({ line: d.range.start.line + 1, code: String(d.code) }));
}

describe('rules about what is missing are held back where a syntax error may have dropped it', () => {
    test('the broken workflow reports its syntax error first and no absence finding; the other workflow keeps its findings', async () => {
        const complete = await findings(twoWorkflows('8h'));
        expect(complete).toContainEqual({ line: 5, code: 'oversight/stop-control' });

        const broken = await findings(twoWorkflows('8'));
        expect(broken[0]).toEqual({ line: 12, code: 'syntax/parse-error' });
        expect(broken.filter((f) => f.line >= 5 && f.line < 19)).toEqual([{ line: 12, code: 'syntax/parse-error' }]);
        expect(broken).toContainEqual({ line: 20, code: 'oversight/stop-control' });
        // A finding about something written (a second 'Done') stands.
        expect(broken).toContainEqual({ line: 26, code: 'structure/duplicate-name' });
    });

    test('a syntax error outside any workflow holds back the absence findings of every workflow in the file', async () => {
        const text = twoWorkflows('8h').replace('competence "Payments"', 'competence "Payments"\n    authority');
        const codes = (await findings(text)).map((f) => f.code);
        expect(codes[0]).toBe('syntax/parse-error');
        expect(codes).not.toContain('oversight/stop-control');
        expect(codes).toContain('structure/duplicate-name');
    });
});
