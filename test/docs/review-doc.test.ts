import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hitl, REPO } from '../cli/cli.js';
import { git, sampleRepository } from '../cli/git-repository.js';
import { replaceOnce } from '../diff/sample-edits.js';

/**
 * The example in docs/review.md is real output: this pull request, made on the samples, gives
 * exactly the text and Markdown the page shows. A change to the diff's output shows up here;
 * paste the new output into the page.
 */
let repo: string;
const DOC = readFileSync(path.join(REPO, 'docs', 'review.md'), 'utf8');

beforeAll(() => {
    repo = sampleRepository('hitl-review-doc-');
    const samples = path.join(repo, 'samples');
    const edit = (file: string, change: (text: string) => string) => writeFileSync(path.join(samples, file), change(readFileSync(path.join(samples, file), 'utf8')));
    edit('credit-limit-increase.hitl', (t) =>
        [
            (x: string) => replaceOnce(x, '        sla 8h\n', '        sla 1d\n'),
            (x: string) => replaceOnce(x, '        no preselection\n        shows ai-output, confidence, explanation, model-version, input\n        sla 1d\n        escalate on disagreement, high-risk', '        shows ai-output, confidence, explanation, model-version, input\n        sla 1d\n        escalate on disagreement, high-risk'),
            (x: string) => replaceOnce(x, 'retention 7y', 'retention 10y'),
            (x: string) => replaceOnce(x, 'version "3.1.0"', 'version "3.2.0"'),
        ].reduce((text, step) => step(text), t),
    );
    edit('customer-refunds.hitl', (t) => replaceOnce(replaceOnce(t, '        on timeout escalate to RefundsEscalation\n    }\n\n    queue', '        on timeout approve\n    }\n\n    queue'), 'version "llm-2026.10.0"', 'version "llm-2026.12.0"'));
    // A role renamed with every use (not in quoted text).
    for (const file of ['organisation.hitl', 'credit-limit-increase.hitl', 'customer-refunds.hitl', 'clinical-triage.hitl', 'content-moderation.hitl', 'hiring-screening.hitl', 'insurance-claims.hitl']) {
        edit(file, (t) => t.replace(/"[^"\n]*"|\bCardsOperations\b/g, (match) => (match === 'CardsOperations' ? 'CardOperations' : match)));
    }
    git(repo, 'commit', '--quiet', '-am', 'the pull request');
}, 30_000);

afterAll(() => {
    if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('docs/review.md', () => {
    test('shows the real text output of the example', () => {
        const run = hitl(['diff', 'HEAD~1', 'HEAD', '--today', '2026-12-01'], { cwd: repo });
        expect(run.code).toBe(1);
        expect(DOC).toContain(`\`\`\`text\n${run.stdout}\`\`\``);
    });

    test('shows the real Markdown output of the example', () => {
        const run = hitl(['diff', 'HEAD~1', 'HEAD', '--format', 'markdown', '--today', '2026-12-01'], { cwd: repo });
        expect(DOC).toContain(`\`\`\`\`markdown\n${run.stdout}\`\`\`\``);
    });
});
