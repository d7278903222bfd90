import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { CheckResult } from '../../language/headless/check-result.js';
import { escapeData, escapeProperty, formatGithub } from '../../language/headless/formats/github.js';
import { FIXTURES, REPO, hitl, jsonFindings, packageVersion, type JsonFinding } from './cli.js';

const FINDINGS = `${FIXTURES}/findings`;
const A = `${FINDINGS}/a-roles.hitl`;
const B = `${FINDINGS}/b-payments.hitl`;

/** The known findings of the fixture workspace: file, line, column, severity, code. */
const KNOWN = [
    [A, 7, 6, 'error', 'structure/duplicate-name'],
    [B, 11, 9, 'warning', 'flow/missing-otherwise'],
    [B, 14, 10, 'error', 'flow/dead-end'],
    [B, 15, 18, 'error', 'reference/unresolved'],
    [B, 16, 13, 'error', 'escalation/timeout-required'],
    [B, 23, 7, 'error', 'structure/duplicate-name'],
] as const;

describe('text', () => {
    test('one `path:line:col severity code message` line per finding, then a summary', () => {
        const run = hitl(['check', FINDINGS]);
        expect(run.code).toBe(1);
        expect(run.stderr).toBe('');
        const lines = run.stdout.split('\n');
        expect(lines.pop()).toBe('');
        const summary = lines.pop();
        expect(summary).toMatch(/^\d+ errors?, \d+ warnings? in 2 files$/);
        for (const line of lines) expect(line).toMatch(/^[\w/.-]+\.hitl:\d+:\d+ (error|warning|info) [a-z]+\/[a-z0-9-]+ \S.*$/);
        for (const [file, line, column, severity, code] of KNOWN) {
            expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${file}:${line}:${column} ${severity} ${code} `)));
        }
        expect(lines).toContain(`${B}:15:18 error reference/unresolved No role, team or AI actor named 'Nobody'; declare it, or check the spelling.`);
        const count = (severity: string) => lines.filter((l) => l.includes(` ${severity} `)).length;
        const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
        expect(summary).toBe(`${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')} in 2 files`);
    });

    test('a clean workspace prints only the summary', () => {
        const run = hitl(['check', `${FIXTURES}/clean`]);
        expect(run).toEqual({ code: 0, stdout: '0 errors, 0 warnings in 2 files\n', stderr: '' });
    });
});

// The documented JSON shape (docs/cli.md). Strict objects: a new field must be documented here too.
const Position = z.strictObject({ line: z.number().int().min(1), column: z.number().int().min(1) });
const Region = z.strictObject({ start: Position, end: Position });
const Finding = z.strictObject({
    code: z.string().regex(/^[a-z]+\/[a-z0-9-]+$/),
    severity: z.enum(['error', 'warning', 'info']),
    message: z.string().min(1),
    path: z.string().min(1),
    region: Region,
    related: z.array(z.strictObject({ path: z.string().min(1), region: Region, message: z.string() })),
    suppression: z.strictObject({ reason: z.string(), approver: z.string(), expires: z.string() }).optional(),
});
const Report = z.strictObject({
    version: z.literal(1),
    tool: z.strictObject({ name: z.literal('hitl'), version: z.string() }),
    summary: z.strictObject({
        files: z.number().int().min(0),
        errors: z.number().int().min(0),
        warnings: z.number().int().min(0),
        infos: z.number().int().min(0),
        suppressed: z.number().int().min(0),
    }),
    files: z.array(z.strictObject({ path: z.string().min(1), findings: z.array(Finding) })),
});

describe('json', () => {
    let report: z.infer<typeof Report>;
    let stdout: string;
    beforeAll(() => {
        const run = hitl(['check', FINDINGS, '--format', 'json']);
        expect(run.code).toBe(1);
        stdout = run.stdout;
        report = Report.parse(JSON.parse(stdout));
    });

    test('matches the documented schema and names the tool and its version', () => {
        expect(report.tool).toEqual({ name: 'hitl', version: packageVersion });
        expect(stdout.endsWith('}\n')).toBe(true);
    });

    test('lists every file checked, sorted, with its findings sorted by position', () => {
        expect(report.files.map((f) => f.path)).toEqual([A, B]);
        for (const file of report.files) {
            for (const finding of file.findings) expect(finding.path).toBe(file.path);
            const positions = file.findings.map((f) => f.region.start.line * 10_000 + f.region.start.column);
            expect(positions).toEqual([...positions].sort((x, y) => x - y));
        }
    });

    test('summary counts agree with the findings', () => {
        const all = report.files.flatMap((f) => f.findings);
        const active = all.filter((f) => !f.suppression);
        expect(report.summary).toEqual({
            files: 2,
            errors: active.filter((f) => f.severity === 'error').length,
            warnings: active.filter((f) => f.severity === 'warning').length,
            infos: active.filter((f) => f.severity === 'info').length,
            suppressed: all.length - active.length,
        });
    });

    test('holds the known findings with 1-based regions and related locations', () => {
        const findings = jsonFindings(stdout);
        for (const [file, line, column, severity, code] of KNOWN) {
            expect(findings).toContainEqual(expect.objectContaining({ path: file, severity, code, region: expect.objectContaining({ start: { line, column } }) }));
        }
        const unresolved = findings.find((f) => f.code === 'reference/unresolved')!;
        expect(unresolved.region).toEqual({ start: { line: 15, column: 18 }, end: { line: 15, column: 24 } });
        const crossFile = findings.find((f) => f.code === 'structure/duplicate-name' && f.path === B)!;
        expect(crossFile.related).toEqual([{ path: A, region: expect.objectContaining({ start: { line: 11, column: 1 } }), message: "first declaration of 'Approver'" }]);
    });

    test('the example in docs/cli.md has the same shape', () => {
        const docs = readFileSync(path.join(REPO, 'docs', 'cli.md'), 'utf8');
        const example = /```json\n([\s\S]*?)```/.exec(docs);
        expect(example).not.toBeNull();
        expect(() => Report.parse(JSON.parse(example![1]))).not.toThrow();
    });

    test('a clean workspace has files but no findings', () => {
        const run = hitl(['check', `${FIXTURES}/clean`, '-f', 'json']);
        const clean = Report.parse(JSON.parse(run.stdout));
        expect(clean.summary).toEqual({ files: 2, errors: 0, warnings: 0, infos: 0, suppressed: 0 });
        expect(clean.files).toEqual([
            { path: `${FIXTURES}/clean/nested/deeper/team.hitl`, findings: [] },
            { path: `${FIXTURES}/clean/roles.hitl`, findings: [] },
        ]);
    });
});

/** Parses one workflow command back into its parts, undoing the escaping. */
function parseAnnotation(line: string) {
    const match = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
    if (!match) throw new Error(`not a workflow command: ${line}`);
    const unescape = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
    const properties = Object.fromEntries(
        match[2].split(',').map((pair) => {
            const at = pair.indexOf('=');
            return [pair.slice(0, at), unescape(pair.slice(at + 1))];
        }),
    );
    return { command: match[1], properties, message: unescape(match[3]) };
}

describe('github', () => {
    test('one annotation per finding, with file, full position and a title', () => {
        const run = hitl(['check', FINDINGS, '--format', 'github']);
        expect(run.code).toBe(1);
        const lines = run.stdout.split('\n');
        expect(lines.pop()).toBe('');
        const json = jsonFindings(hitl(['check', FINDINGS, '--format', 'json']).stdout);
        expect(lines).toHaveLength(json.length);
        const annotations = lines.map(parseAnnotation);
        expect(annotations).toContainEqual({
            command: 'error',
            properties: { file: B, line: '15', col: '18', endLine: '15', endColumn: '24', title: 'hitl reference/unresolved' },
            message: "No role, team or AI actor named 'Nobody'; declare it, or check the spelling.",
        });
        expect(annotations).toContainEqual(expect.objectContaining({ command: 'warning', properties: expect.objectContaining({ file: B, line: '11', title: 'hitl flow/missing-otherwise' }) }));
    });

    test('escaping keeps messages and file names intact end to end', () => {
        const scratch = mkdtempSync(path.join(tmpdir(), 'hitl-github-'));
        try {
            const name = '100%, a:b.hitl';
            writeFileSync(path.join(scratch, name), 'workflow Payments {\n    automated step Pay {\n        when share > 105% -> Done\n        otherwise -> Done\n    }\n    outcome Done\n}\n');
            const run = hitl(['check', '.', '--format', 'github'], { cwd: scratch });
            const annotations = run.stdout.trimEnd().split('\n').map(parseAnnotation);
            const percentage = annotations.find((a) => a.properties.title === 'hitl values/percentage-out-of-range');
            expect(percentage?.properties.file).toBe(name);
            expect(percentage?.message).toBe('105% is more than 100%; write a share from 0% to 100%.');
            expect(run.stdout).toContain('file=100%25%2C a%3Ab.hitl,');
            expect(run.stdout).toContain('::105%25 is more than 100%25;');
        } finally {
            rmSync(scratch, { recursive: true, force: true });
        }
    });

    test('no output at all for a clean workspace', () => {
        expect(hitl(['check', `${FIXTURES}/clean`, '--format', 'github'])).toEqual({ code: 0, stdout: '', stderr: '' });
    });
});

describe('github escaping (unit)', () => {
    const nasty = 'Rate 100%: a,b\r\nnext line\nend %0A';

    test('escapeData escapes %, CR and LF, and nothing else', () => {
        expect(escapeData(nasty)).toBe('Rate 100%25: a,b%0D%0Anext line%0Aend %250A');
    });

    test('escapeProperty also escapes : and ,', () => {
        expect(escapeProperty(nasty)).toBe('Rate 100%25%3A a%2Cb%0D%0Anext line%0Aend %250A');
    });

    test('a finding cannot end its annotation early or start another', () => {
        const finding: JsonFinding = {
            code: 'flow/dead-end',
            severity: 'warning',
            message: `${nasty}\n::error::injected`,
            path: 'odd,dir:x/100%.hitl',
            region: { start: { line: 2, column: 3 }, end: { line: 2, column: 9 } },
            related: [],
        };
        const result: CheckResult = { files: [{ path: finding.path, findings: [finding] }] };
        const output = formatGithub(result);
        expect(output.split('\n')).toHaveLength(2);
        expect(parseAnnotation(output.trimEnd())).toEqual({
            command: 'warning',
            properties: { file: finding.path, line: '2', col: '3', endLine: '2', endColumn: '9', title: 'hitl flow/dead-end' },
            message: finding.message,
        });
    });
});
