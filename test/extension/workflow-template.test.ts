import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { fillTemplate, workflowNameProblem } from '../../extension/src/workflow-template.js';
import { hitl, jsonFindings, REPO } from '../cli/cli.js';

// "hitl: New workflow" opens the template filled in with the name the user types; the
// document must check clean, on its own and beside the samples.

const template = readFileSync(path.join(REPO, 'extension', 'templates', 'new-workflow.hitl'), 'utf8');
const work = mkdtempSync(path.join(tmpdir(), 'hitl-new-workflow-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function check(folder: string): ReturnType<typeof jsonFindings> {
    const run = hitl(['check', folder, '--format', 'json']);
    expect(run.stderr).toBe('');
    return jsonFindings(run.stdout);
}

describe('the New workflow template', () => {
    test('names the workflow, its declarations and its file after the name typed', () => {
        const workflow = fillTemplate(template, '  customer onboarding-KYC 2 ')!;
        expect(workflow.name).toBe('CustomerOnboardingKYC2');
        expect(workflow.fileName).toBe('customer-onboarding-kyc-2.hitl');
        expect(workflow.text).toContain('workflow CustomerOnboardingKYC2 "customer onboarding-KYC 2" {');
        expect(workflow.text).toContain('role CustomerOnboardingKYC2Owner');
        expect(workflow.text).not.toContain('NewWorkflow');
    });

    test('has no findings as it stands, filled in, and beside the samples', () => {
        const alone = path.join(work, 'alone');
        cpSync(path.join(REPO, 'extension', 'templates'), alone, { recursive: true });
        const filled = fillTemplate(template, 'Claims triage "fast"')!;
        writeFileSync(path.join(alone, filled.fileName), filled.text);
        expect(check(alone)).toEqual([]);

        const beside = path.join(work, 'beside');
        cpSync(path.join(REPO, 'samples'), beside, { recursive: true });
        const samplesAlone = check(beside);
        writeFileSync(path.join(beside, filled.fileName), filled.text);
        expect(check(beside)).toEqual(samplesAlone);
    });

    test('refuses a name that does not start with a letter, saying why', () => {
        expect(fillTemplate(template, '2nd try')).toBeUndefined();
        expect(fillTemplate(template, ' -- ')).toBeUndefined();
        expect(workflowNameProblem('2nd try')).toMatch(/Start with a letter/);
        expect(workflowNameProblem('Refunds')).toBeUndefined();
    });
});
