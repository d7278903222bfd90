// The Mermaid flowchart of every sample, compared with its golden file; the rendering itself is
// checked in a browser by e2e/render/mermaid.mjs. After an intended change, regenerate the
// golden files and review the diff:
//
//     HITL_UPDATE_GOLDEN=1 npx vitest run test/exports/mermaid/mermaid.test.ts
//
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { exportMermaid } from '../../../language/exports/mermaid/index.js';
import { escapeLabel } from '../../../language/exports/mermaid/mermaid-text.js';
import type { HitlModel } from '../../../language/model/schema.js';
import { compileFolder, compileTexts, REPO } from '../../compile/workspace.js';

const GOLDEN = path.join(REPO, 'test/golden/export/mermaid');
const UPDATE = process.env.HITL_UPDATE_GOLDEN === '1';
const workflows = ['ContentModeration', 'CreditLimitIncrease', 'CustomerRefunds', 'CvScreening', 'EdTriageSupport', 'MotorClaimsTriage'];

let model: HitlModel;
beforeAll(async () => {
    ({ model } = await compileFolder('samples'));
});

describe('the Mermaid flowchart of every sample', () => {
    test.each(workflows)('%s matches its golden file (update: HITL_UPDATE_GOLDEN=1 npx vitest run test/exports/mermaid/mermaid.test.ts)', (workflow) => {
        const sample = path.basename(model.workflows.find((w) => w.id === workflow)!.source.file, '.hitl');
        const file = path.join(GOLDEN, `${sample}.mmd`);
        const text = exportMermaid(model, workflow);
        if (UPDATE) {
            mkdirSync(GOLDEN, { recursive: true });
            writeFileSync(file, text);
        }
        expect(text).toBe(readFileSync(file, 'utf8'));
    });

    test.each(workflows)('%s: a node per step, in the shape of its kind', (workflow) => {
        const text = exportMermaid(model, workflow);
        const steps = model.workflows.find((w) => w.id === workflow)!.steps;
        const opening: Record<string, string> = { 'ai-step': '{{"', 'automated-step': '[["', gate: '[/"', queue: '[("', decision: '{"', effect: '>"', outcome: '(["' };
        for (const step of steps) expect(text, step.id).toContain(`\n    s_${step.id}${opening[step.kind]}`);
    });
});

describe('what the flowchart shows', () => {
    const claims = () => exportMermaid(model, 'MotorClaimsTriage');

    test('AI fallbacks and timeouts are dashed, reviewers\' actions solid', () => {
        expect(claims()).toContain('s_ScoreFraud -.->|"unavailable, abnormal-output (LegacyFraudRules)"| s_ManualFraudCheck');
        expect(claims()).toContain('s_ManagerReview -.->|"timeout → deny"| s_PayoutDecision');
        expect(claims()).toContain('s_HandlerAssessment -->|"approve, override, reject"| s_PayoutDecision');
    });

    test('an escalation chain is a subgraph of its levels, each with its party and deadline, ending in its timeout action', () => {
        const text = claims();
        expect(text).toContain('subgraph esc_workflow_ClaimsEscalation["escalation ClaimsEscalation"]');
        expect(text).toContain('esc_workflow_ClaimsEscalation_2[/"2. HeadOfMotorClaims<br/>via ClaimsManagersPager · within P2D"/]');
        expect(text).toContain('s_HandlerAssessment -.->|"timeout → escalate"| esc_workflow_ClaimsEscalation_1');
        expect(text).toMatch(/esc_workflow_ClaimsEscalation_3 -\.->\|"timeout → deny"\| end_chain_deny/);
    });

    test('decisions carry their risk grade as a class', () => {
        expect(claims()).toContain('class s_PayoutDecision risk_high');
        expect(exportMermaid(model, 'EdTriageSupport')).toContain('class s_AcuityDecision risk_critical');
    });

    test('labels escape what Mermaid would read: quotes, #, angle brackets, pipes', () => {
        expect(escapeLabel('when decision == "pay" | #1 <b>')).toBe('when decision == #quot;pay#quot; #124; #35;1 #lt;b#gt;');
        expect(claims()).toContain('|"when decision == #quot;pay#quot;"|');
    });

    test('a step named like a Mermaid keyword stays a node', async () => {
        const keywords = await compileTexts({
            'k.hitl': `workflow K {
    start end
    automated step end {
        then graph
    }
    outcome graph {
        result "done"
    }
}
`,
        });
        const text = exportMermaid(keywords, 'K');
        expect(text).toContain('s_end[["end<br/>automated step"]]');
        expect(text).toContain('s_end --> s_graph');
    });
});
