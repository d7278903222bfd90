// Scaling bench: adversarial shapes of one large workflow, each at sizes from 100 KB up to the
// largest file the CLI parses, checked by the CLI; prints how the cost per MB grows with size.
//
//   node bench/shapes.mjs         (after `npm run build`; `npm run bench` runs it)
//
// Environment: HITL_SHAPES_SIZES (KB, comma-separated; default 100,400,1600,5000),
// HITL_SHAPES_ONLY (comma-separated shape names), HITL_SHAPES_RUNS (runs per size, best kept; 1).
// A ratio above the target is a figure, not a failure; the exit code is 1 only if a check crashed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

// ------------------------------------------------------------------ the shapes

/** People, a model and a channel every shape uses, written as the samples write them. */
const DECLARATIONS = `channel Pager {
    kind pager
    address "pagerduty://scale"
}

role Reviewer "Reviewer" {
    competence "Case review"
    training "Automation bias awareness"
    channel Pager
    authority 1
}

role Head "Head of operations" {
    competence "Operations"
    channel Pager
    authority 5
    final authority
}

ai actor Scorer "Scoring service" {
    model ScoreModel
    operated by Head
}

model ScoreModel {
    provider "In-house"
    version "1.0.0"
    owner Head
    explainability "SHAP"
}
`;

function workflow(body) {
    return `${DECLARATIONS}
workflow Scale "Scale" {
    version "1.0.0"
    owner Head
    change approver Head
    stage assist
    start Begin
    sla 2d
    intended use "Scaling measurement"
${aiStep('Begin', body.begin)}${body.steps}
    outcome Done {
        result "done"
    }
}
`;
}

const raci = `        raci {
            responsible Head
            accountable Head
        }`;

function automated(name, routes) {
    return `
    automated step ${name} {
${raci}
${routes}
    }
`;
}

function gate(name, routes) {
    return `
    gate ${name} {
        reviewer Reviewer
        reviews Begin
        allows approve, reject
        rationale required
${raci}
${routes}
    }
`;
}

/** An AI step of the scoring model; `routes` are its lines after the low-confidence route. */
function aiStep(name, routes) {
    return `
    ai step ${name} "Score" {
        task scoring
        actor Scorer
        model ScoreModel
        confidence threshold 0.8
        explanation required
        raci {
            responsible Scorer
            accountable Head
        }
        on low-confidence -> Done
${routes}
    }
`;
}

/** The high-risk decision the AI chains lead to. */
const FINAL = `
    decision Final {
        kind eligibility
        decided by Reviewer
        risk high
${raci}
        then Done
    }
`;

const range = (n) => Array.from({ length: n }, (_, i) => i + 1);

/**
 * Each shape writes one workflow with `n` repeated units. The names say what grows: a chain
 * of `then` steps; one decision with `n` `when` branches; a chain whose every step also
 * branches to a step with no route out (`flow/dead-end`, with a path as long as the chain);
 * a chain of gates whose timeouts approve or skip (fail open), each escalating to an escalation
 * that fails open too, towards a high-risk decision; `n`
 * escalations each handing over to the next on timeout; a chain of `n` AI steps into a
 * high-risk decision with nobody between (`oversight/gate-bypass` from each); the same with a
 * gate reviewing each AI step; `n` suppressions in the workflow block, none of them used,
 * beside a chain of steps.
 */
export const SHAPES = {
    'then-chain': (n) =>
        workflow({
            begin: '        then S1',
            steps: range(n).map((i) => automated(`S${i}`, `        then ${i < n ? `S${i + 1}` : 'Done'}`)).join(''),
        }),
    'when-branches': (n) =>
        workflow({
            begin: '        then Pick',
            steps: `
    decision Pick {
        kind operational
        decided by Reviewer
        risk low
${raci}
${range(n).map((i) => `        when score == "${i}" -> B${i}`).join('\n')}
        otherwise -> Done
    }
${range(n).map((i) => automated(`B${i}`, '        then Done')).join('')}`,
        }),
    'dead-ends': (n) =>
        workflow({
            begin: '        then S1',
            steps: range(n)
                .map((i) => automated(`S${i}`, `        when flag == "${i}" -> X${i}\n        otherwise -> ${i < n ? `S${i + 1}` : 'Done'}`) + automated(`X${i}`, ''))
                .join(''),
        }),
    'fail-open-timeouts': (n) =>
        workflow({
            begin: '        then G1',
            steps:
                range(n)
                    .map(
                        (i) =>
                            gate(`G${i}`, `        sla 1d\n        escalate on disagreement to E${i} within 1d\n        on approve -> ${i < n ? `G${i + 1}` : 'Final'}\n        on reject -> Done\n        on timeout ${i % 2 ? 'approve' : 'skip'}`) +
                            `
    escalation E${i} {
        to Head via Pager within 1d
        on timeout ${i % 2 ? 'skip' : 'approve'}
    }
`,
                    )
                    .join('') + FINAL,
        }),
    'escalation-chains': (n) =>
        workflow({
            begin: '        then Review',
            steps:
                gate('Review', '        sla 1d\n        escalate on disagreement to E1 within 1d\n        on approve -> Done\n        on reject -> Done\n        on timeout escalate to E1') +
                range(n)
                    .map((i) => `
    escalation E${i} {
        to ${i % 2 ? 'Reviewer' : 'Head'} via Pager within 1d
        on timeout ${i < n ? `escalate to E${i + 1}` : 'deny'}
    }
`)
                    .join(''),
        }),
    'ai-chain': (n) =>
        workflow({
            begin: '        then A1',
            steps: range(n).map((i) => aiStep(`A${i}`, `        then ${i < n ? `A${i + 1}` : 'Final'}`)).join('') + FINAL,
        }),
    'reviewed-ai-chain': (n) =>
        workflow({
            begin: '        then A1',
            steps:
                range(n)
                    .map((i) => aiStep(`A${i}`, `        then G${i}`) + gate(`G${i}`, `        sla 1d\n        on approve -> ${i < n ? `A${i + 1}` : 'Final'}\n        on reject -> Done\n        on timeout deny`).replace('reviews Begin', `reviews A${i}`))
                    .join('') + FINAL,
        }),
    suppressions: (n) =>
        workflow({
            begin: '        then S1',
            steps:
                range(n)
                    .map((i) => `
    suppress "oversight/four-eyes" {
        reason "Measured: suppression ${i}"
        approver Head
        expires 2099-01-01
    }
`)
                    .join('') + range(Math.max(1, n >> 1)).map((i, _, all) => automated(`S${i}`, `        then ${i < all.length ? `S${i + 1}` : 'Done'}`)).join(''),
        }),
};

/** The shortest workflow of `shape` at least `bytes` long, and its unit count (names grow with it: a binary search). */
export function shapeOfSize(shape, bytes) {
    const make = SHAPES[shape];
    let low = 1;
    let high = 1;
    while (Buffer.byteLength(make(high)) < bytes) high *= 2;
    while (low < high) {
        const middle = Math.floor((low + high) / 2);
        if (Buffer.byteLength(make(middle)) < bytes) low = middle + 1;
        else high = middle;
    }
    return { text: make(low), units: low };
}

// ------------------------------------------------------------------ the measurement

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
const CLI = path.join(ROOT, 'cli', 'hitl.cjs');
const WORK = path.join(ROOT, 'bench', '.work', 'shapes');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const TARGET_RATIO = 2;

/** `hitl check --format json` of one file: CPU time (user + system), peak RSS and the parsed report. */
async function check(file) {
    const statsDir = mkdtempSync(path.join(os.tmpdir(), 'hitl-shapes-'));
    const statsFile = path.join(statsDir, 'time.txt');
    const args = [NODE, '--max-old-space-size=4096', CLI, 'check', file, '--format', 'json'];
    const [command, ...commandArgs] = TIME ? [TIME, '-o', statsFile, '-f', '%U %S %M', ...args] : args;
    const begin = process.hrtime.bigint();
    const child = spawn(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    let stderr = '';
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    const wallMs = Number(process.hrtime.bigint() - begin) / 1e6;
    let cpuMs;
    let peakMb;
    if (TIME) {
        const fields = readFileSync(statsFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
        cpuMs = (fields[0] + fields[1]) * 1000;
        peakMb = fields[2] / 1024;
    }
    rmSync(statsDir, { recursive: true, force: true });
    if (code !== 0 && code !== 1) throw new Error(`hitl check ${path.relative(ROOT, file)} exited with ${code}: ${stderr.slice(0, 1000)}`);
    return { cpuMs: cpuMs ?? wallMs, peakMb, report: JSON.parse(Buffer.concat(stdout).toString('utf8')) };
}

/** Writes a shape's file into a folder of its own: the CLI checks a file with the rest of its folder. */
function writeShape(shape, label, text) {
    const folder = path.join(WORK, `${shape}-${label}`);
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, 'scale.hitl');
    writeFileSync(file, text);
    return file;
}

/** The cheapest of `runs` checks of a file. */
async function best(file, runs) {
    let cheapest;
    for (let run = 0; run < runs; run++) {
        const result = await check(file);
        if (!cheapest || result.cpuMs < cheapest.cpuMs) cheapest = result;
    }
    return cheapest;
}

/** The number of findings and the largest one: its message length and related locations. */
function findingsOf(report) {
    let count = 0;
    let longest = 0;
    let mostRelated = 0;
    for (const file of report.files) {
        for (const finding of file.findings) {
            count++;
            longest = Math.max(longest, finding.message.length);
            mostRelated = Math.max(mostRelated, finding.related?.length ?? 0);
        }
    }
    return { count, longest, mostRelated };
}

/** The largest file the CLI parses (`MAX_SOURCE_BYTES` of the guarded parser), read from its source. */
function maxSourceBytes() {
    const source = readFileSync(path.join(ROOT, 'language', 'parser', 'guarded-parser.ts'), 'utf8');
    const [, megabytes] = /MAX_SOURCE_BYTES = (\d+) \* 1024 \* 1024;/.exec(source) ?? [];
    if (!megabytes) throw new Error('shapes: MAX_SOURCE_BYTES not found in language/parser/guarded-parser.ts');
    return Number(megabytes) * 1024 * 1024;
}

async function main() {
    const sizes = (process.env.HITL_SHAPES_SIZES ?? '100,400,1600,5000').split(',').map((kb) => Number(kb) * 1000);
    const only = process.env.HITL_SHAPES_ONLY?.split(',');
    const runs = Number(process.env.HITL_SHAPES_RUNS ?? 1);
    if (!existsSync(path.join(ROOT, 'dist', 'cli.cjs'))) {
        console.error("shapes: dist/cli.cjs is missing; run 'npm run build' first.");
        process.exit(1);
    }
    mkdirSync(WORK, { recursive: true });
    const limit = maxSourceBytes();
    let failed = false;
    const header = ['shape', 'size', 'bytes', 'steps', 'CPU', 'CPU/MB past start-up', `ratio (≤ ${TARGET_RATIO}×)`, 'peak RSS', 'findings', 'longest message', 'most related'];
    console.log(`| ${header.join(' | ')} |\n|${header.map(() => ' --- |').join('')}`);
    for (const shape of Object.keys(SHAPES)) {
        if (only && !only.includes(shape)) continue;
        // Start-up and the fixed part of the file (one unit) cost the same at every size: the
        // time per MB leaves it out, so that the ratio shows how the cost grows with the size.
        const fixed = await best(writeShape(shape, 'one', SHAPES[shape](1)), runs);
        let basePerMb;
        for (const size of sizes) {
            const { text, units } = shapeOfSize(shape, Math.min(size, limit));
            const bytes = Buffer.byteLength(text);
            try {
                const result = await best(writeShape(shape, `${size / 1000}k`, text), runs);
                const perMb = Math.max(0, result.cpuMs - fixed.cpuMs) / (bytes / 1e6);
                basePerMb ??= perMb;
                const { count, longest, mostRelated } = findingsOf(result.report);
                const steps = (text.match(/^ {4}(automated step|ai step|gate|decision|outcome) /gm) ?? []).length;
                const ratio = perMb / basePerMb;
                const cells = [shape, `${size / 1000} KB`, bytes, steps, `${(result.cpuMs / 1000).toFixed(2)} s`, `${(perMb / 1000).toFixed(2)} s`, `${ratio.toFixed(2)}×${ratio > TARGET_RATIO ? ' missed' : ''}`, result.peakMb ? `${result.peakMb.toFixed(0)} MB` : '?', count, longest, mostRelated];
                console.log(`| ${cells.join(' | ')} |`);
            } catch (error) {
                failed = true;
                console.log(`| ${shape} | ${size / 1000} KB | ${bytes} | ${units} units | failed: ${String(error.message).split('\n')[0].slice(0, 200)} |`);
            }
        }
    }
    process.exit(failed ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
