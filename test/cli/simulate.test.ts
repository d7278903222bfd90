import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { strictAjv } from '../compile/ajv.js';
import { hitl, REPO } from './cli.js';

// `hitl simulate` as a governance engineer and a CI job run it. The figures themselves are
// tested against closed forms in test/simulator/; these tests assert the command around them:
// determinism across threads, scenario files found and checked, budgets, sweeps and formats.

let work: string;

beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'hitl-simulate-'));
});

afterAll(() => {
    rmSync(work, { recursive: true, force: true });
});

const sample = (name: string) => readFileSync(path.join(REPO, 'samples', name), 'utf8');

/** A fresh folder holding the organisation, the credit workflow and `extra` files. */
function workspace(name: string, extra: Record<string, string> = {}): string {
    const dir = path.join(work, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'organisation.hitl'), sample('organisation.hitl'));
    writeFileSync(path.join(dir, 'credit.hitl'), sample('credit-limit-increase.hitl'));
    for (const [file, text] of Object.entries(extra)) writeFileSync(path.join(dir, file), text);
    return dir;
}

/** One gate with a one-hour SLA, busy enough that staffing decides whether the SLA holds. */
const ONE_GATE = `
role Reviewer {
    competence "Claims review"
    channel Inbox
}
role Lead {
    competence "Claims review lead"
    channel Inbox
}
channel Inbox { kind queue address "queue://inbox" }
workflow OneGate {
    version "1.0.0"
    owner Lead
    change approver Lead
    metric "review precision" >= 95%
    start Review
    gate Review {
        reviewer Reviewer
        allows approve, override, reject
        sla 1h
        raci {
            responsible Reviewer
            accountable Lead
        }
        on approve -> Done
        on override -> Done
        on reject -> Done
        on timeout deny
    }
    outcome Done { result "done" }
}
`;
/** Nine cases an hour of ten minutes each: one reviewer cannot keep up (1.5 Erlang), two can. */
const ONE_GATE_SCENARIO = `
cases: 2000
arrivals: { kind: poisson, ratePerHour: 9 }
roles:
  Reviewer: { staff: 1 }
steps:
  Review:
    duration: { kind: exponential, mean: 10m }
`;

describe('hitl simulate', () => {
    test('prints an analyst summary of a sample with the defaults', () => {
        const result = hitl(['simulate', 'samples', '--workflow', 'CreditLimitIncrease', '-n', '300', '-r', '3']);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('CreditLimitIncrease "Credit-limit increase"');
        expect(result.stdout).toMatch(/300 cases × 3 replications, seed 1, (the documented defaults|scenario samples\/credit-limit-increase\.scenario\.yaml)/);
        expect(result.stdout).toMatch(/UnderwriterReview (holds|breaches) its 8h SLA/);
        expect(result.stdout).toContain('Gates and queues');
    });

    test('simulates every sample with the scenario next to it', () => {
        const result = hitl(['simulate', 'samples', '-n', '400', '-r', '2', '--format', 'json']);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const simulations: Array<{ workflow: string; scenario: string; summary: { outcomes: Array<{ outcome: string }> } }> = JSON.parse(result.stdout).workflows;
        const files = readdirSync(path.join(REPO, 'samples')).filter((file) => file.endsWith('.hitl') && file !== 'organisation.hitl');
        expect(simulations).toHaveLength(files.length);
        for (const simulation of simulations) {
            expect(simulation.scenario, simulation.workflow).toMatch(/^samples\/[a-z-]+\.scenario\.yaml$/);
            // Every case reaches an outcome of the workflow: no route of a realistic scenario leads nowhere.
            expect(simulation.summary.outcomes.map((outcome) => outcome.outcome).filter((outcome) => /^(stopped|loop-limit)/.test(outcome)), simulation.workflow).toEqual([]);
        }
    });

    test('gives the same JSON bytes for the same seed whatever the number of threads, other bytes for another seed', () => {
        const args = ['simulate', 'samples', '--workflow', 'CreditLimitIncrease', '-n', '400', '-r', '4', '--format', 'json'];
        const one = hitl([...args, '--jobs', '1']);
        const two = hitl([...args, '--jobs', '2']);
        expect(one.code).toBe(0);
        expect(two.stdout).toBe(one.stdout);
        const report = JSON.parse(one.stdout);
        expect(report).toMatchObject({ apiVersion: 'hitl.dev/v1', kind: 'SimulationReport', workflows: [{ workflow: 'CreditLimitIncrease', replications: 4, seed: 1 }] });
        expect(report.workflows[0].summary.stations.map((station: { step: string }) => station.step)).toEqual(expect.arrayContaining(['UnderwriterReview', 'SeniorReview']));
        expect(hitl([...args, '--seed', '2']).stdout).not.toBe(one.stdout);
    });

    test('finds the scenario next to the workflow and reports its problems with file, line and column', () => {
        const good = workspace('scenario-good', { 'credit.scenario.yaml': 'cases: 200\nroles:\n  Underwriter: { staff: 4 }\n' });
        const found = hitl(['simulate', 'credit.hitl', '-r', '2', '--format', 'json'], { cwd: good });
        expect(found.stderr).toBe('');
        const simulation = JSON.parse(found.stdout).workflows[0];
        expect(simulation).toMatchObject({ scenario: 'credit.scenario.yaml', cases: 200 });
        expect(simulation.summary.stations.find((station: { step: string }) => station.step === 'UnderwriterReview').staff).toBe(4);

        const bad = workspace('scenario-bad', { 'credit.scenario.yaml': 'cases: 200\nsteps:\n  UnderwriterReveiw:\n    duration: { kind: fixed, value: 10m }\n' });
        const refused = hitl(['simulate', 'credit.hitl'], { cwd: bad });
        expect(refused.code).toBe(2);
        expect(refused.stdout).toBe('');
        expect(refused.stderr).toMatch(/credit\.scenario\.yaml:3:3: .*UnderwriterReveiw.*did you mean .*UnderwriterReview/);

        const given = hitl(['simulate', 'credit.hitl', '--scenario', 'missing.yaml'], { cwd: good });
        expect(given.code).toBe(2);
        expect(given.stderr).toContain('missing.yaml: cannot read the scenario (ENOENT)');
    });

    test('refuses a workspace with errors and names an unknown workflow with a suggestion', () => {
        const broken = workspace('broken', { 'broken.hitl': 'workflow Broken {\n    sla 0h\n}\n' });
        const refused = hitl(['simulate', '.'], { cwd: broken });
        expect(refused.code).toBe(1);
        expect(refused.stdout).toBe('');
        expect(refused.stderr).toContain('simulate refused: the workspace has errors');

        const unknown = hitl(['simulate', 'credit.hitl', '--workflow', 'CreditLimitIncrese'], { cwd: workspace('unknown') });
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("no workflow 'CreditLimitIncrese' in credit.hitl; did you mean CreditLimitIncrease?");
    });

    test('exits 1 when a budget breaks, naming the figure, and 0 when every budget holds', () => {
        const dir = workspace('budgets', { 'one-gate.hitl': ONE_GATE, 'one-gate.scenario.yaml': ONE_GATE_SCENARIO });
        const tight = hitl(['simulate', 'one-gate.hitl', '-r', '3', '--fail-on', 'sla-breach[Review]>5%'], { cwd: dir });
        expect(tight.code).toBe(1);
        expect(tight.stdout).toMatch(/Budget broken: sla-breach\[Review\]>5% at Review \(\d+(\.\d)?%\)/);
        expect(tight.stderr).toContain('hitl: budget broken in OneGate: sla-breach[Review]>5% at Review');
        const loose = hitl(['simulate', 'one-gate.hitl', '-r', '3', '--fail-on', 'sla-breach>99%,cycle-time-p99>30d'], { cwd: dir });
        expect(loose.code).toBe(0);
        expect(loose.stdout).toContain('Budgets hold: sla-breach>99%, cycle-time-p99>30d.');
        const typo = hitl(['simulate', 'one-gate.hitl', '--fail-on', 'sla-breach[Reveiw]>5%'], { cwd: dir });
        expect(typo.code).toBe(2);
        expect(typo.stderr).toContain("did you mean Review?");
        // A gate of one workflow among several: the budget applies where the gate is.
        const several = hitl(['simulate', '.', '-n', '200', '-r', '2', '--fail-on', 'sla-breach[Review]>99%', '--format', 'json'], { cwd: dir });
        expect(several.stderr).toBe('');
        expect(JSON.parse(several.stdout).workflows.map((simulation: { workflow: string }) => simulation.workflow)).toEqual(['CreditLimitIncrease', 'OneGate']);
    });

    test('a staffing sweep names the smallest staffing that holds every SLA, and advice agrees with it', () => {
        const dir = workspace('sweep', { 'one-gate.hitl': ONE_GATE, 'one-gate.scenario.yaml': ONE_GATE_SCENARIO });
        const result = hitl(['simulate', 'one-gate.hitl', '-r', '4', '--sweep', 'Reviewer=1..8', '--format', 'json'], { cwd: dir });
        expect(result.stderr).toBe('');
        const simulation = JSON.parse(result.stdout).workflows[0];
        const rows: Array<{ staff: number; meetsSlas: boolean; stations: Array<{ breachRate: number }> }> = simulation.sweep.rows;
        expect(rows.map((row) => row.staff)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        // One reviewer cannot keep up; more people never breach noticeably more.
        expect(rows[0].meetsSlas).toBe(false);
        expect(rows[0].stations[0].breachRate).toBeGreaterThan(0.2);
        for (let index = 1; index < rows.length; index++) expect(rows[index].stations[0].breachRate).toBeLessThanOrEqual(rows[index - 1].stations[0].breachRate + 0.01);
        const smallest: number = simulation.sweep.smallest;
        expect(smallest).toBeGreaterThan(1);
        expect(rows.find((row) => row.meetsSlas)?.staff).toBe(smallest);
        // The summary's own advice (from the scenario's one reviewer) reaches the same number.
        expect(simulation.advice).toEqual([expect.objectContaining({ party: 'Reviewer', staff: 1, needed: smallest })]);

        const typo = hitl(['simulate', 'one-gate.hitl', '--sweep', 'Reveiwer=1..3'], { cwd: dir });
        expect(typo.code).toBe(2);
        expect(typo.stderr).toContain("no gate or queue is worked by 'Reveiwer'; did you mean Reviewer?");
    });

    test('writes a self-contained HTML report, the format taken from the file name, and Markdown tables', () => {
        const dir = workspace('formats', { 'one-gate.hitl': ONE_GATE, 'one-gate.scenario.yaml': ONE_GATE_SCENARIO });
        const written = hitl(['simulate', 'one-gate.hitl', '-r', '2', '-o', 'report.html'], { cwd: dir });
        expect(written.code).toBe(0);
        expect(written.stdout).toBe('');
        const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
        expect(html).toMatch(/^<!doctype html>/);
        expect(html).toContain('<canvas id="w0-breaches"');
        expect(html).toContain('Chart.js'); // the library's own banner: inlined, not linked
        expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
        const markdown = hitl(['simulate', 'one-gate.hitl', '-r', '2', '--format', 'markdown'], { cwd: dir });
        expect(markdown.stdout).toContain('## OneGate');
        expect(markdown.stdout).toMatch(/\| Step \| Staff \| SLA \| Mean wait \| p90 wait \| SLA breached \| Escalated \| Utilisation \|\n\| --- \| --- \| ---: \|/);
    });

    test('--trace prints one case step by step, and says when that case never arrives', () => {
        const dir = workspace('trace', { 'one-gate.hitl': ONE_GATE, 'one-gate.scenario.yaml': ONE_GATE_SCENARIO });
        const traced = hitl(['simulate', 'one-gate.hitl', '--trace', '5'], { cwd: dir });
        expect(traced.stderr).toBe('');
        const lines = traced.stdout.trimEnd().split('\n');
        expect(lines[0]).toBe('Case 5 of OneGate (replication 1, seed 1)');
        expect(lines[1]).toMatch(/^  2026-01-05 \d\d:\d\d:\d\d  \+0s\s+Review\s+system\s+arrived/);
        expect(traced.stdout).toMatch(/Reviewer#1\s+started/);
        expect(lines.at(-1)).toMatch(/(Done|denied)\s+system\s+finished\s+ends as (Done|denied)/);
        const json = JSON.parse(hitl(['simulate', 'one-gate.hitl', '--trace', '5', '--format', 'json'], { cwd: dir }).stdout);
        expect(json.trace.map((entry: { event: string }) => entry.event)).toEqual(expect.arrayContaining(['arrived', 'waiting', 'started', 'finished']));
        const never = hitl(['simulate', 'one-gate.hitl', '--trace', '5000'], { cwd: dir });
        expect(never.code).toBe(2);
        expect(never.stderr).toContain('case 5000 never arrives in this run of OneGate (2000 cases arrived; they are counted from 0)');
    });

    test('arrivals read from a CSV trace next to the scenario, its problems named by line', () => {
        const scenario = 'arrivals: { kind: trace, file: arrivals.csv, column: received }\nroles:\n  Reviewer: { staff: 2 }\n';
        const dir = workspace('arrival-trace', { 'one-gate.hitl': ONE_GATE, 'one-gate.scenario.yaml': scenario, 'arrivals.csv': 'id,received\n1,2026-01-05T09:00:00Z\n2,2026-01-05T09:10:00Z\n3,2026-01-05T09:12:30Z\n' });
        const third = hitl(['simulate', 'one-gate.hitl', '--trace', '2', '--format', 'json'], { cwd: dir });
        expect(third.stderr).toBe('');
        expect(JSON.parse(third.stdout).trace[0]).toMatchObject({ event: 'arrived', at: '2026-01-05T09:12:30.000Z' });
        expect(hitl(['simulate', 'one-gate.hitl', '--trace', '3'], { cwd: dir }).stderr).toContain('(3 cases arrived');
        writeFileSync(path.join(dir, 'arrivals.csv'), 'id,received\n1,2026-01-05T09:00:00Z\n2,yesterday\n');
        const bad = hitl(['simulate', 'one-gate.hitl'], { cwd: dir });
        expect(bad.code).toBe(2);
        expect(bad.stderr).toMatch(/arrivals\.csv:3: /);
    });

    test('--audit-log writes records that the audit schema hitl compile emits accepts, one per line', () => {
        const dir = workspace('audit', { 'credit.scenario.yaml': 'cases: 150\nwarmupCases: 0\n' });
        const log = path.join(dir, 'audit.jsonl');
        const run = hitl(['simulate', 'credit.hitl', '-r', '2', '--audit-log', 'audit.jsonl', '--format', 'json'], { cwd: dir });
        expect(run.stderr).toBe('');
        const compiled = hitl(['compile', 'credit.hitl', '--out', path.join(work, 'audit-out')], { cwd: dir });
        expect(compiled.code).toBe(0);
        const schema = JSON.parse(readFileSync(path.join(work, 'audit-out', 'CreditLimitIncrease.audit.schema.json'), 'utf8'));
        const validate = strictAjv().compile(schema);
        const records = readFileSync(log, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
        // At least an AI output and a final decision per case.
        expect(records.length).toBeGreaterThan(300);
        for (const record of records) expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
        expect([...new Set(records.map((record) => record.event))]).toEqual(expect.arrayContaining(['ai-output', 'human-action', 'final-decision']));
        expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

        const source = readFileSync(path.join(dir, 'credit.hitl'), 'utf8');
        const overwrite = hitl(['simulate', 'credit.hitl', '--audit-log', 'credit.hitl'], { cwd: dir });
        expect(overwrite.code).toBe(2);
        expect(overwrite.stderr).toContain('credit.hitl: is one of the files being checked');
        expect(readFileSync(path.join(dir, 'credit.hitl'), 'utf8')).toBe(source);
    });

    test('rejects options it cannot honour before running anything', () => {
        const cases: Array<[string[], RegExp]> = [
            [['--replications', '0'], /--replications takes a whole number of 1 or more, not '0'/],
            [['--cases', '10', '--horizon', '30d'], /give --cases or --horizon, not both/],
            [['--horizon', 'a month'], /--horizon takes a duration such as 30d/],
            [['--format', 'pdf'], /unknown simulate format 'pdf'/],
            [['--sweep', 'Underwriter=8..1'], /must start at 1 or more and not end below its start/],
            [['--fail-on', 'speed>5%'], /unknown metric 'speed'/],
        ];
        for (const [args, message] of cases) {
            const result = hitl(['simulate', 'samples', ...args]);
            expect(result.code, args.join(' ')).toBe(2);
            expect(result.stderr).toMatch(message);
        }
    });
});
